// The Python surface of gbc's import system: the classes and functions programs see as
// importlib._bootstrap (`_frozen_importlib`) and importlib._bootstrap_external
// (`_frozen_importlib_external`). The import statement never runs this code: the native
// importer (importer.cpp) creates the same objects and only calls into Python for loaders and
// finders a program defines itself. Written for gbc after the behaviour of CPython 3.14's
// importlib; `_gbc` is the native helper module (import_bootstrap.cpp), which also stands in for
// the str methods the VM does not have yet (rpartition, rsplit, rfind, partition, isalnum).
#include "interp/import_prelude.h"

namespace gbc::interp {

const char* const kBootstrapPrelude = R"PY(
_bootstrap_external = None


def _object_name(obj):
    try:
        return obj.__qualname__
    except AttributeError:
        return type(obj).__qualname__


def _wrap(new, old):
    for attr in ('__module__', '__name__', '__qualname__', '__doc__'):
        if hasattr(old, attr):
            setattr(new, attr, getattr(old, attr))
    new.__dict__.update(old.__dict__)


def _new_module(name):
    return type(sys)(name)


def _call_with_frames_removed(f, *args, **kwds):
    return f(*args, **kwds)


def _verbose_message(message, *args, verbosity=1):
    if sys.flags.verbose >= verbosity:
        if not message.startswith(('#', 'import ')):
            message = '# ' + message
        print(message.format(*args), file=sys.stderr)


class ModuleSpec:
    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._uninitialized_submodules = []
        self._set_fileattr = False
        self._cached = None

    def __repr__(self):
        parts = [f'name={self.name!r}', f'loader={self.loader!r}']
        if self.origin is not None:
            parts.append(f'origin={self.origin!r}')
        if self.submodule_search_locations is not None:
            parts.append(f'submodule_search_locations={self.submodule_search_locations}')
        return f'{self.__class__.__name__}({", ".join(parts)})'

    def __eq__(self, other):
        locations = self.submodule_search_locations
        try:
            return (self.name == other.name and self.loader == other.loader and
                    self.origin == other.origin and
                    locations == other.submodule_search_locations and
                    self.cached == other.cached and self.has_location == other.has_location)
        except AttributeError:
            return NotImplemented

    def _get_cached(self):
        if self._cached is None and self.origin is not None and self._set_fileattr:
            self._cached = _bootstrap_external._get_cached(self.origin)
        return self._cached

    def _set_cached(self, cached):
        self._cached = cached

    cached = property(_get_cached, _set_cached)

    @property
    def parent(self):
        if self.submodule_search_locations is None:
            return _gbc.rpartition(self.name, '.')[0]
        return self.name

    def _get_has_location(self):
        return self._set_fileattr

    def _set_has_location(self, value):
        self._set_fileattr = bool(value)

    has_location = property(_get_has_location, _set_has_location)


def spec_from_loader(name, loader, *, origin=None, is_package=None):
    if origin is None:
        origin = getattr(loader, '_ORIGIN', None)
    if not origin and hasattr(loader, 'get_filename'):
        from_file = _bootstrap_external.spec_from_file_location
        if is_package is None:
            return from_file(name, loader=loader)
        return from_file(name, loader=loader, submodule_search_locations=[] if is_package else None)
    if is_package is None:
        if hasattr(loader, 'is_package'):
            try:
                is_package = loader.is_package(name)
            except ImportError:
                is_package = None
        else:
            is_package = False
    return ModuleSpec(name, loader, origin=origin, is_package=is_package)


def _load_module_shim(self, fullname):
    spec = spec_from_loader(fullname, self)
    if fullname in sys.modules:
        module = sys.modules[fullname]
        _exec(spec, module)
        return sys.modules[fullname]
    return _load(spec)


class BuiltinImporter:
    _ORIGIN = 'built-in'

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if _imp.is_builtin(fullname):
            return spec_from_loader(fullname, cls, origin=cls._ORIGIN)
        return None

    @staticmethod
    def create_module(spec):
        if not _imp.is_builtin(spec.name):
            raise ImportError(f'{spec.name!r} is not a built-in module', name=spec.name)
        return _imp.create_builtin(spec)

    @staticmethod
    def exec_module(module):
        _imp.exec_builtin(module)

    @classmethod
    def get_code(cls, fullname):
        return None

    @classmethod
    def get_source(cls, fullname):
        return None

    @classmethod
    def is_package(cls, fullname):
        return False

    load_module = classmethod(_load_module_shim)


class FrozenImporter:
    _ORIGIN = 'frozen'

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        return _gbc.find_frozen(fullname)

    @staticmethod
    def create_module(spec):
        return None

    @staticmethod
    def exec_module(module):
        _gbc.exec_frozen(module)

    @classmethod
    def get_code(cls, fullname):
        return _gbc.frozen_code(fullname)

    @classmethod
    def get_source(cls, fullname):
        return None

    @classmethod
    def is_package(cls, fullname):
        spec = _gbc.find_frozen(fullname)
        if spec is None:
            raise ImportError(f'No module named {fullname!r}', name=fullname)
        return spec.submodule_search_locations is not None

    load_module = classmethod(_load_module_shim)


class _DeadlockError(RuntimeError):
    pass


class _ModuleLock:
    # one thread runs the program: a module lock never blocks
    def __init__(self, name):
        self.name = name
        self.count = 0

    def acquire(self):
        self.count += 1
        return True

    def release(self):
        if self.count == 0:
            raise RuntimeError('cannot release un-acquired lock')
        self.count -= 1

    def locked(self):
        return self.count > 0

    def __repr__(self):
        return f'_ModuleLock({self.name!r}) at {id(self)}'


class _ModuleLockManager:
    def __init__(self, name):
        self._name = name
        self._lock = None

    def __enter__(self):
        self._lock = _get_module_lock(self._name)
        self._lock.acquire()

    def __exit__(self, *args, **kwargs):
        self._lock.release()


def _get_module_lock(name):
    return _ModuleLock(name)


def _lock_unlock_module(name):
    pass


class _ImportLockContext:
    def __enter__(self):
        _imp.acquire_lock()

    def __exit__(self, exc_type, exc_value, exc_traceback):
        _imp.release_lock()


def _resolve_name(name, package, level):
    bits = _gbc.rsplit(package, '.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return f'{base}.{name}' if name else base
)PY";

const char* const kBootstrapExternalPrelude = R"PY(
_bootstrap = None

path_separators = '/'
path_sep = '/'
path_sep_tuple = ('/',)
_PYCACHE = '__pycache__'
_OPT = 'opt-'
SOURCE_SUFFIXES = ['.py']
BYTECODE_SUFFIXES = ['.pyc']
DEBUG_BYTECODE_SUFFIXES = OPTIMIZED_BYTECODE_SUFFIXES = BYTECODE_SUFFIXES
EXTENSION_SUFFIXES = _imp.extension_suffixes()
MAGIC_NUMBER = _gbc.magic_number


def _set_bootstrap_module(_bootstrap_module):
    global _bootstrap
    _bootstrap = _bootstrap_module


def _pack_uint32(x):
    return (int(x) & 0xFFFFFFFF).to_bytes(4, 'little')


def _unpack_uint64(data):
    return int.from_bytes(data, 'little')


def _unpack_uint32(data):
    return int.from_bytes(data, 'little')


def _unpack_uint16(data):
    return int.from_bytes(data, 'little')


_RAW_MAGIC_NUMBER = _gbc.raw_magic_number


class _stat_result:
    def __init__(self, mode, size, mtime):
        self.st_mode = mode
        self.st_size = size
        self.st_mtime = mtime


def _path_stat(path):
    return _stat_result(*_gbc.stat(path))


def _fix_up_module(ns, name, pathname, cpathname=None):
    loader = ns.get('__loader__')
    spec = ns.get('__spec__')
    if not loader:
        if spec:
            loader = spec.loader
        elif pathname == cpathname:
            loader = SourcelessFileLoader(name, pathname)
        else:
            loader = SourceFileLoader(name, pathname)
    if not spec:
        spec = spec_from_file_location(name, pathname, loader=loader)
        if cpathname:
            spec.cached = _path_abspath(cpathname)
    ns['__spec__'] = spec
    ns['__loader__'] = loader
    ns['__file__'] = pathname
    ns['__cached__'] = cpathname


# CPython's .pyc files: gbc neither reads nor writes them
def _classify_pyc(data, name, exc_details):
    _gbc.no_pyc('_classify_pyc')


def _validate_timestamp_pyc(data, source_mtime, source_size, name, exc_details):
    _gbc.no_pyc('_validate_timestamp_pyc')


def _validate_hash_pyc(data, source_hash, name, exc_details):
    _gbc.no_pyc('_validate_hash_pyc')


def _compile_bytecode(data, name=None, bytecode_path=None, source_path=None):
    _gbc.no_pyc('_compile_bytecode')


def _code_to_timestamp_pyc(code, mtime=0, source_size=0):
    _gbc.no_pyc('_code_to_timestamp_pyc')


def _code_to_hash_pyc(code, source_hash, checked=True):
    _gbc.no_pyc('_code_to_hash_pyc')


def _write_atomic(path, data, mode=0o666):
    _gbc.no_pyc('_write_atomic')


def _calc_mode(path):
    return _path_stat(path).st_mode | 0o200


def _path_join(*path_parts):
    if not path_parts:
        return ''
    if len(path_parts) == 1:
        return path_parts[0]
    root = ''
    path = []
    for part in path_parts:
        if not part:
            continue
        if part.startswith('/'):
            root = ''
            path = [part.rstrip('/') or '/']
        else:
            path.append(part.rstrip('/'))
    joined = '/'.join(p for p in path if p)
    if path and path[0] == '/':
        joined = '/' + '/'.join(p for p in path[1:] if p)
    return root + joined


def _path_split(path):
    i = _gbc.rfind(path, '/')
    if i < 0:
        return '', path
    return path[:i], path[i + 1:]


def _path_isfile(path):
    return _gbc.path_isfile(path)


def _path_isdir(path):
    return _gbc.path_isdir(path)


def _path_isabs(path):
    return path.startswith('/')


def _path_abspath(path):
    if _path_isabs(path):
        return path
    return _path_join(_gbc.getcwd(), path)


def cache_from_source(path, debug_override=None, *, optimization=None):
    if debug_override is not None:
        if optimization is not None:
            raise TypeError('debug_override or optimization must be set to None')
        optimization = '' if debug_override else 1
    head, tail = _path_split(str(path))
    base, sep, rest = _gbc.rpartition(tail, '.')
    tag = sys.implementation.cache_tag
    if tag is None:
        raise NotImplementedError('sys.implementation.cache_tag is None')
    almost_filename = ''.join([(base if base else rest), sep, tag])
    if optimization is None:
        optimization = '' if sys.flags.optimize == 0 else sys.flags.optimize
    optimization = str(optimization)
    if optimization != '':
        if not _gbc.isalnum(optimization):
            raise ValueError(f'{optimization!r} is not alphanumeric')
        almost_filename = f'{almost_filename}.{_OPT}{optimization}'
    filename = almost_filename + BYTECODE_SUFFIXES[0]
    if sys.pycache_prefix is not None:
        return _path_join(sys.pycache_prefix, _path_abspath(head).lstrip('/'), filename)
    return _path_join(head, _PYCACHE, filename)


def source_from_cache(path):
    if sys.implementation.cache_tag is None:
        raise NotImplementedError('sys.implementation.cache_tag is None')
    head, pycache_filename = _path_split(str(path))
    found_in_prefix = False
    if sys.pycache_prefix is not None:
        stripped = sys.pycache_prefix.rstrip('/')
        if head.startswith(stripped + '/'):
            head = head[len(stripped):]
            found_in_prefix = True
    if not found_in_prefix:
        head, pycache = _path_split(head)
        if pycache != _PYCACHE:
            raise ValueError(f'{_PYCACHE} not bottom-level directory in {path!r}')
    dot_count = pycache_filename.count('.')
    if dot_count not in {2, 3}:
        raise ValueError(f'expected only 2 or 3 dots in {pycache_filename!r}')
    if dot_count == 3:
        optimization = _gbc.rsplit(pycache_filename, '.', 2)[-2]
        if not optimization.startswith(_OPT):
            raise ValueError(f'optimization portion of filename does not start with {_OPT!r}')
        level = optimization[len(_OPT):]
        if not _gbc.isalnum(level):
            raise ValueError(f'optimization level {optimization!r} is not an alphanumeric value')
    base_filename = _gbc.partition(pycache_filename, '.')[0]
    return _path_join(head, base_filename + SOURCE_SUFFIXES[0])


def _get_cached(filename):
    if filename.endswith(tuple(SOURCE_SUFFIXES)):
        try:
            return cache_from_source(filename)
        except NotImplementedError:
            return None
    if filename.endswith(tuple(BYTECODE_SUFFIXES)):
        return filename
    return None


def decode_source(source_bytes):
    return _gbc.decode_source(source_bytes)


_POPULATE = object()


def spec_from_file_location(name, location=None, *, loader=None,
                            submodule_search_locations=_POPULATE):
    if location is None:
        location = '<unknown>'
        if hasattr(loader, 'get_filename'):
            try:
                location = loader.get_filename(name)
            except ImportError:
                pass
    else:
        location = _path_abspath(str(location))
    spec = _bootstrap.ModuleSpec(name, loader, origin=location)
    spec._set_fileattr = True
    if loader is None:
        for loader_class, suffixes in _get_supported_file_loaders():
            if location.endswith(tuple(suffixes)):
                loader = loader_class(name, location)
                spec.loader = loader
                break
        else:
            return None
    if submodule_search_locations is _POPULATE:
        if hasattr(loader, 'is_package'):
            try:
                is_package = loader.is_package(name)
            except ImportError:
                pass
            else:
                if is_package:
                    spec.submodule_search_locations = []
    else:
        spec.submodule_search_locations = submodule_search_locations
    if spec.submodule_search_locations == []:
        if location:
            spec.submodule_search_locations.append(_path_split(location)[0])
    return spec


class WindowsRegistryFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        return None


class _LoaderBasics:
    def is_package(self, fullname):
        filename = _path_split(self.get_filename(fullname))[1]
        return (_gbc.rsplit(filename, '.', 1)[0] == '__init__' and
                _gbc.rpartition(fullname, '.')[2] != '__init__')

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        code = self.get_code(module.__name__)
        if code is None:
            raise ImportError(f'cannot load module {module.__name__!r} when get_code() returns None')
        exec(code, module.__dict__)

    def load_module(self, fullname):
        return _bootstrap._load_module_shim(self, fullname)


class SourceLoader(_LoaderBasics):
    def path_mtime(self, path):
        raise OSError

    def path_stats(self, path):
        return {'mtime': self.path_mtime(path)}

    def set_data(self, path, data):
        pass

    def get_source(self, fullname):
        path = self.get_filename(fullname)
        try:
            source_bytes = self.get_data(path)
        except OSError as exc:
            raise ImportError('source not available through get_data()', name=fullname) from exc
        return decode_source(source_bytes)

    def source_to_code(self, data, path, *, _optimize=-1):
        return compile(data, path, 'exec', dont_inherit=True, optimize=_optimize)

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        return self.source_to_code(self.get_data(path), path)


class FileLoader:
    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def __eq__(self, other):
        return self.__class__ == other.__class__ and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def load_module(self, fullname=None):
        if fullname is not None and fullname != self.name:
            raise ImportError(f'loader for {self.name} cannot handle {fullname}', name=fullname)
        return _bootstrap._load_module_shim(self, self.name)

    def get_filename(self, fullname=None):
        if fullname is not None and fullname != self.name:
            raise ImportError(f'loader for {self.name} cannot handle {fullname}', name=fullname)
        return self.path

    def get_data(self, path):
        return _gbc.read_bytes(str(path))

    def get_resource_reader(self, module):
        from importlib.readers import FileReader
        return FileReader(self)


class SourceFileLoader(FileLoader, SourceLoader):
    def path_stats(self, path):
        return _gbc.path_stats(path)

    def exec_module(self, module):
        _gbc.exec_source(self, module)

    def get_code(self, fullname):
        return _gbc.source_code(self.get_filename(fullname))


class SourcelessFileLoader(FileLoader, _LoaderBasics):
    def get_code(self, fullname):
        return _gbc.sourceless_code(self.get_filename(fullname))

    def get_source(self, fullname):
        return None


class ExtensionFileLoader(FileLoader, _LoaderBasics):
    def create_module(self, spec):
        return _gbc.extension_module(spec)

    def exec_module(self, module):
        pass

    def is_package(self, fullname):
        file_name = _path_split(self.path)[1]
        return any(file_name == '__init__' + suffix for suffix in EXTENSION_SUFFIXES)

    def get_code(self, fullname):
        return None

    def get_source(self, fullname):
        return None


class AppleFrameworkLoader(ExtensionFileLoader):
    pass


class _NamespacePath:
    _epoch = 0

    def __init__(self, name, path, path_finder):
        self._name = name
        self._path = path
        self._last_parent_path = tuple(self._get_parent_path())
        self._last_epoch = self._epoch
        self._path_finder = path_finder

    def _find_parent_path_names(self):
        parent, dot, me = _gbc.rpartition(self._name, '.')
        if dot == '':
            return 'sys', 'path'
        return parent, '__path__'

    def _get_parent_path(self):
        parent_module_name, path_attr_name = self._find_parent_path_names()
        return getattr(sys.modules[parent_module_name], path_attr_name)

    def _recalculate(self):
        parent_path = tuple(self._get_parent_path())
        if parent_path != self._last_parent_path or self._epoch != self._last_epoch:
            spec = self._path_finder(self._name, parent_path)
            if spec is not None and spec.loader is None:
                if spec.submodule_search_locations:
                    self._path = spec.submodule_search_locations
            self._last_parent_path = parent_path
            self._last_epoch = self._epoch
        return self._path

    def __iter__(self):
        return iter(self._recalculate())

    def __getitem__(self, index):
        return self._recalculate()[index]

    def __setitem__(self, index, path):
        self._path[index] = path

    def __len__(self):
        return len(self._recalculate())

    def __repr__(self):
        return f'_NamespacePath({self._path!r})'

    def __contains__(self, item):
        return item in self._recalculate()

    def append(self, item):
        self._path.append(item)


class NamespaceLoader:
    def __init__(self, name, path, path_finder):
        self._path = _NamespacePath(name, path, path_finder)

    def is_package(self, fullname):
        return True

    def get_source(self, fullname):
        return ''

    def get_code(self, fullname):
        return compile('', '<string>', 'exec', dont_inherit=True)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        pass

    def load_module(self, fullname):
        return _bootstrap._load_module_shim(self, fullname)


_NamespaceLoader = NamespaceLoader


class PathFinder:
    @staticmethod
    def invalidate_caches():
        for name, finder in list(sys.path_importer_cache.items()):
            if finder is None or not _path_isabs(name):
                del sys.path_importer_cache[name]
            elif hasattr(finder, 'invalidate_caches'):
                finder.invalidate_caches()
        _NamespacePath._epoch += 1

    @classmethod
    def _path_importer_cache(cls, path):
        return _gbc.path_entry_finder(path)

    @classmethod
    def _get_spec(cls, fullname, path, target=None):
        return _gbc.path_get_spec(fullname, path)

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        return _gbc.path_find_spec(fullname, path)

    @staticmethod
    def find_distributions(*args, **kwargs):
        from importlib.metadata import MetadataPathFinder
        return MetadataPathFinder.find_distributions(*args, **kwargs)


class FileFinder:
    def __init__(self, path, *loader_details):
        loaders = []
        for loader, suffixes in loader_details:
            loaders.extend((suffix, loader) for suffix in suffixes)
        self._loaders = loaders
        self.path = _gbc.getcwd() if not path or path == '.' else _path_abspath(path)

    def invalidate_caches(self):
        _gbc.invalidate_directory(self.path)

    def find_spec(self, fullname, target=None):
        return _gbc.file_finder_find_spec(self, fullname)

    @classmethod
    def path_hook(cls, *loader_details):
        def path_hook_for_FileFinder(path):
            if not _path_isdir(path):
                raise ImportError('only directories are supported', path=path)
            return cls(path, *loader_details)
        return path_hook_for_FileFinder

    def __repr__(self):
        return f'FileFinder({self.path!r})'


def _get_supported_file_loaders():
    return [(ExtensionFileLoader, _imp.extension_suffixes()),
            (SourceFileLoader, SOURCE_SUFFIXES),
            (SourcelessFileLoader, BYTECODE_SUFFIXES)]
)PY";

}  // namespace gbc::interp

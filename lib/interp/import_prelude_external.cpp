// The rest of gbc's importlib._bootstrap_external (see import_prelude.cpp), loaded on first use:
// most programs import nothing from sys.path beyond what the eager part serves (specs, source
// files), so they do not pay for reading this code.
#include "interp/import_prelude.h"

namespace gbc::interp {

const char* const kBootstrapExternalRestPrelude = R"PY(
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


def _get_supported_file_loaders():
    return [(ExtensionFileLoader, _imp.extension_suffixes()),
            (SourceFileLoader, SOURCE_SUFFIXES),
            (SourcelessFileLoader, BYTECODE_SUFFIXES)]


class PathFinder:
    @staticmethod
    def invalidate_caches():
        for name, finder in list(sys.path_importer_cache.items()):
            if finder is None or not name.startswith('/'):
                del sys.path_importer_cache[name]
            elif hasattr(finder, 'invalidate_caches'):
                finder.invalidate_caches()
        _gbc.load_external()._NamespacePath._epoch += 1

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
        self.path = _gbc.getcwd() if not path or path == '.' else _gbc.abspath(path)

    def invalidate_caches(self):
        _gbc.invalidate_directory(self.path)

    def find_spec(self, fullname, target=None):
        return _gbc.file_finder_find_spec(self, fullname)

    @classmethod
    def path_hook(cls, *loader_details):
        def path_hook_for_FileFinder(path):
            if not _gbc.path_isdir(path):
                raise ImportError('only directories are supported', path=path)
            return cls(path, *(loader_details or _gbc.default_loaders()))
        return path_hook_for_FileFinder

    def __repr__(self):
        return f'FileFinder({self.path!r})'
)PY";

}  // namespace gbc::interp

// The Python surface of gbc's import system: the classes and functions programs see as
// importlib._bootstrap (`_frozen_importlib`) and importlib._bootstrap_external
// (`_frozen_importlib_external`), loaded when a program first uses them (ModuleSpec and
// BuiltinImporter are native, import_spec.cpp). The import statement never runs this code: the
// native importer (importer.cpp) creates the same objects and only calls into Python for loaders
// and finders a program defines itself. Written for gbc after the behaviour of CPython 3.14's
// importlib; `_gbc` is the native helper module (import_bootstrap.cpp), which also stands in for
// str methods the VM did not have when this was written (rpartition, rsplit, rfind, partition,
// isalnum).
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

const char* const kBootstrapExternalPrelude = R"PY(_bootstrap = None

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


class _LoaderBasics:
    def is_package(self, fullname):
        filename = _gbc.rpartition(self.get_filename(fullname), '/')[2]
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
        return _gbc.decode_source(source_bytes)

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
)PY";

}  // namespace gbc::interp

# str.encode / bytes.decode with the codecs gbc has natively (utf-8, utf-8-sig, latin-1, ascii)
# and their error handlers; UnicodeDecodeError / UnicodeEncodeError attributes and texts.


def show(label, fn):
    try:
        r = fn()
        if isinstance(r, str):
            r = [ord(c) for c in r]
        print(label, '->', repr(r))
    except Exception as e:
        extra = (e.encoding, e.start, e.end, e.reason) if isinstance(e, UnicodeError) else ''
        print(label, '->', type(e).__name__, str(e), extra)


for data, enc in [(b'\xff', 'utf-8'), (b'a\xc3', 'utf-8'), (b'a\xc3(', 'utf-8'),
                  (b'\xed\xa0\x80', 'utf-8'), (b'\xe0\x80\x80x', 'utf-8'), (b'\xf0\x90\x80', 'utf-8'),
                  (b'\x80abc', 'ascii'), (b'\xf4\x90\x80\x80', 'utf-8'), (b'ab\xe2\x82', 'utf-8'),
                  (b'caf\xc3\xa9', 'utf-8'), (b'caf\xe9', 'latin-1'), (b'\xef\xbb\xbfbom', 'utf-8-sig')]:
    for errors in ['strict', 'replace', 'surrogateescape', 'backslashreplace', 'ignore']:
        show(repr(data) + ' ' + enc + ' ' + errors, lambda: data.decode(enc, errors))
for text, enc in [('a\u20acb', 'latin-1'), ('\u20ac\u20ac', 'ascii'), ('\udc80x', 'utf-8'),
                  ('\xe9', 'ascii'), ('\U0001f600', 'latin-1'), ('caf\xe9', 'utf-8')]:
    for errors in ['strict', 'replace', 'surrogateescape', 'backslashreplace', 'ignore',
                   'xmlcharrefreplace']:
        show(enc + ' ' + errors, lambda: text.encode(enc, errors))
show('default', lambda: 'h\xe9'.encode())
show('keywords', lambda: b'h\xc3\xa9'.decode(encoding='utf-8', errors='strict'))
show('aliases', lambda: ['x'.encode(n) for n in ['UTF8', 'utf_8', 'Latin-1', 'iso8859-1', 'US-ASCII', 'L1']])
show('unknown encoding', lambda: 'a'.encode('no-such'))
show('unknown handler unused', lambda: 'a'.encode('utf-8', 'bogus'))
show('unknown handler used', lambda: b'\xff'.decode('utf-8', 'bogus'))
show('encoding type', lambda: 'a'.encode(5))
e = UnicodeDecodeError('utf-8', b'ab', 0, 1, 'bad')
print(e.args, e.start, e.end, e.reason, e.encoding, e.object, str(e))
e.start = 1
e.end = 3
print(str(e))
show('5 arguments', lambda: UnicodeDecodeError('x'))
show('object type', lambda: UnicodeDecodeError('u', 'ab', 0, 2, 'bad'))
print(str(UnicodeEncodeError('ascii', '\xe9', 0, 1, 'r')), str(UnicodeEncodeError('ascii', 'ab', 0, 2, 'r')))

//! Unit tests for the RESP codec, on byte arrays.

use super::*;

fn dec(b: &[u8]) -> Result<Option<(Value, usize)>, RespError> {
    decode_slice(b, &Limits::default())
}

fn one(b: &[u8]) -> Value {
    let (v, n) = dec(b).unwrap().unwrap();
    assert_eq!(
        n,
        b.len(),
        "consumed all of {:?}",
        String::from_utf8_lossy(b)
    );
    v
}

#[test]
fn resp2_kinds() {
    assert_eq!(one(b"+OK\r\n"), Value::Simple("OK".into()));
    assert_eq!(one(b"-ERR bad\r\n"), Value::Error("ERR bad".into()));
    assert_eq!(one(b":-42\r\n"), Value::Integer(-42));
    assert_eq!(one(b"$3\r\na\r\n\r\n"), Value::bulk("a\r\n"));
    assert_eq!(one(b"$0\r\n\r\n"), Value::bulk(""));
    assert_eq!(one(b"$-1\r\n"), Value::Null);
    assert_eq!(one(b"*-1\r\n"), Value::Null);
    assert_eq!(
        one(b"*3\r\n$7\r\nmessage\r\n$4\r\ncatC\r\n$4\r\nhatA\r\n"),
        Value::Array(vec![
            Value::bulk("message"),
            Value::bulk("catC"),
            Value::bulk("hatA")
        ])
    );
}

#[test]
fn resp3_kinds() {
    assert_eq!(one(b"_\r\n"), Value::Null);
    assert_eq!(one(b"#t\r\n"), Value::Boolean(true));
    assert_eq!(one(b",1.5\r\n"), Value::Double("1.5".into()));
    assert_eq!(
        one(b"(12345678901234567890\r\n"),
        Value::BigNumber("12345678901234567890".into())
    );
    assert_eq!(one(b"!3\r\nERR\r\n"), Value::Error("ERR".into()));
    assert_eq!(one(b"=8\r\ntxt:abcd\r\n"), Value::bulk("abcd"));
    assert_eq!(
        one(b"%1\r\n+proto\r\n:3\r\n"),
        Value::Map(vec![(Value::Simple("proto".into()), Value::Integer(3))])
    );
    assert_eq!(
        one(b">2\r\n+a\r\n:1\r\n"),
        Value::Push(vec![Value::Simple("a".into()), Value::Integer(1)])
    );
    assert_eq!(one(b"~1\r\n:1\r\n"), Value::Array(vec![Value::Integer(1)]));
    // An attribute is skipped; the reply after it is what we get.
    assert_eq!(one(b"|1\r\n+k\r\n+v\r\n:7\r\n"), Value::Integer(7));
}

#[test]
fn partial_input_needs_more_and_rewinds() {
    let full = b"*2\r\n$5\r\nhello\r\n$5\r\nworld\r\n";
    for cut in 0..full.len() {
        let mut c = Cursor::new(&full[..cut]);
        assert_eq!(decode(&mut c, &Limits::default()), Ok(None), "cut at {cut}");
        assert_eq!(c.position(), 0);
    }
    assert!(dec(full).unwrap().is_some());
}

#[test]
fn several_values_in_one_buffer() {
    let b = b":1\r\n:2\r\n:3";
    let mut c = Cursor::new(&b[..]);
    let l = Limits::default();
    assert_eq!(decode(&mut c, &l), Ok(Some(Value::Integer(1))));
    assert_eq!(decode(&mut c, &l), Ok(Some(Value::Integer(2))));
    assert_eq!(decode(&mut c, &l), Ok(None));
    assert_eq!(c.position(), 8);
}

#[test]
fn huge_claims_are_refused_from_the_header() {
    assert_eq!(
        dec(b"$4294967296\r\n"),
        Err(RespError::BulkTooLong {
            stated: 4294967296,
            max: 512 * 1024 * 1024
        })
    );
    assert!(matches!(
        dec(b"*4294967296\r\n"),
        Err(RespError::TooManyElements { .. })
    ));
    let small = Limits {
        max_bulk: 10,
        ..Limits::default()
    };
    assert!(matches!(
        decode_slice(b"$11\r\n", &small),
        Err(RespError::BulkTooLong { .. })
    ));
    let deep = b"*1\r\n".repeat(40);
    assert!(matches!(dec(&deep), Err(RespError::TooDeep { .. })));
    let attrs = b"|0\r\n".repeat(100_000);
    assert!(matches!(dec(&attrs), Err(RespError::TooDeep { .. })));
}

#[test]
fn garbage_is_an_error() {
    assert!(matches!(dec(b"?x\r\n"), Err(RespError::BadType { .. })));
    assert!(matches!(dec(b"$abc\r\n"), Err(RespError::BadLength { .. })));
    assert!(matches!(dec(b"$-5\r\n"), Err(RespError::BadLength { .. })));
    assert!(matches!(dec(b":1x\r\n"), Err(RespError::BadInteger { .. })));
    assert!(matches!(dec(b"$1\r\nabc\r\n"), Err(RespError::MissingCrlf)));
    assert!(matches!(dec(b"#x\r\n"), Err(RespError::BadBoolean { .. })));
    let long = vec![b'+'; 70_000];
    assert!(matches!(dec(&long), Err(RespError::LineTooLong { .. })));
}

#[test]
fn encode_round_trips() {
    let values = [
        Value::Simple("OK".into()),
        Value::Error("ERR x".into()),
        Value::Integer(7),
        Value::bulk(b"\x00\xff\r\n"),
        Value::Null,
        Value::Array(vec![
            Value::bulk("a"),
            Value::Array(vec![Value::Integer(1)]),
        ]),
        Value::Map(vec![(Value::bulk("k"), Value::Boolean(false))]),
        Value::Push(vec![Value::bulk("message")]),
        Value::Double("2.5".into()),
        Value::BigNumber("1".into()),
    ];
    for v in values {
        assert_eq!(one(&v.to_bytes()), v);
    }
    // Simple strings cannot carry CR/LF: they are replaced.
    assert_eq!(Value::Simple("a\r\nb".into()).to_bytes(), b"+a  b\r\n");
}

#[test]
fn commands_encode_as_bulk_arrays() {
    let mut out = Vec::new();
    encode_command(&mut out, &["PUBLISH", "news", "1"]);
    assert_eq!(out, b"*3\r\n$7\r\nPUBLISH\r\n$4\r\nnews\r\n$1\r\n1\r\n");
}

#[test]
fn decode_command_array_and_inline() {
    let l = Limits::default();
    let mut c = Cursor::new(&b"*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nPING\r\n"[..]);
    assert_eq!(
        decode_command(&mut c, &l),
        Ok(Some(vec![b"ECHO".to_vec(), b"hi".to_vec()]))
    );
    assert_eq!(decode_command(&mut c, &l), Ok(Some(vec![b"PING".to_vec()])));
    assert_eq!(decode_command(&mut c, &l), Ok(None));
    let mut c = Cursor::new(&b"publish  ch \"a b\\n\\x41\" 'c d'\r\n"[..]);
    assert_eq!(
        decode_command(&mut c, &l),
        Ok(Some(vec![
            b"publish".to_vec(),
            b"ch".to_vec(),
            b"a b\nA".to_vec(),
            b"c d".to_vec()
        ]))
    );
    let mut c = Cursor::new(&b"\r\n"[..]);
    assert_eq!(decode_command(&mut c, &l), Ok(Some(vec![])));
    let mut c = Cursor::new(&b"PING"[..]);
    assert_eq!(decode_command(&mut c, &l), Ok(None));
    assert_eq!(c.position(), 0);
    let mut c = Cursor::new(&b"echo \"open\r\n"[..]);
    assert_eq!(decode_command(&mut c, &l), Err(RespError::BadInline));
    let mut c = Cursor::new(&b"*1\r\n:1\r\n"[..]);
    assert_eq!(decode_command(&mut c, &l), Err(RespError::NotACommand));
}

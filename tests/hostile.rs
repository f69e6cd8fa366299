//! Hostile peers and careless input (issue #19), seen from outside: port 0 as
//! a destination, the `--max-buffered` budget of rpc-serve, the broker and
//! `http serve` (VmHWM), and stdin lines over `--max-size` for `pub` and
//! `rpc-call --params -`. The tcp-echo budget and large frames are in
//! `tests/engine.rs`; the clients' body and frame limits in
//! `tests/client_limits.rs` and `tests/zmq.rs`.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use common::*;

const T: Duration = Duration::from_secs(20);

#[test]
fn port_0_is_not_a_destination_in_any_client() {
    let cases: &[&[&str]] = &[
        &["tcp-echo", "send", "127.0.0.1:0", "hi"],
        &["tcp-echo", "send", "[::1]:0", "hi"],
        &["udp-echo", "send", "[::1]:0", "hi"],
        &["rpc-call", "http://[::1]:0/", "m"],
        &["http", "get", "http://127.0.0.1:0/"],
        &["pub", "redis://127.0.0.1:0", "ch", "x"],
        &["sub", "redis://127.0.0.1:0", "ch", "--reconnect"],
        &["pub", "amqp://127.0.0.1:0", "ch", "x"],
        &["sub", "tcp://[::1]:0", "ch", "--count", "1"],
        &["zmq", "req", "tcp://127.0.0.1:0", "x"],
        &["tls", "127.0.0.1:0"],
    ];
    for args in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            err.contains("port 0 is not a destination"),
            "{args:?}: {err}"
        );
    }
    // Binding port 0 stays fine: a ZeroMQ publisher binds by default.
    let (code, out, err) = run(&["pub", "tcp://127.0.0.1:0", "ch", "x", "--no-wait"]);
    assert_eq!(code, 0, "{out}{err}");
}


using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'netkit' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'netkit'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'netkit' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('udp-echo', 'udp-echo', [CompletionResultType]::ParameterValue, 'UDP echo server and client (RFC 862; chapter §5)')
            [CompletionResult]::new('tcp-echo', 'tcp-echo', [CompletionResultType]::ParameterValue, 'TCP echo server and client with framing and a load mode (chapter §5)')
            [CompletionResult]::new('dns', 'dns', [CompletionResultType]::ParameterValue, 'DNS queries, the system''s getaddrinfo, and reverse lookups (chapter §8)')
            [CompletionResult]::new('serv-by-name', 'serv-by-name', [CompletionResultType]::ParameterValue, 'Look up services by name in the services database (getservbyname; chapter §8)')
            [CompletionResult]::new('serv-by-port', 'serv-by-port', [CompletionResultType]::ParameterValue, 'Look up services by port in the services database (getservbyport; chapter §8)')
            [CompletionResult]::new('pub', 'pub', [CompletionResultType]::ParameterValue, 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)')
            [CompletionResult]::new('sub', 'sub', [CompletionResultType]::ParameterValue, 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)')
            [CompletionResult]::new('broker', 'broker', [CompletionResultType]::ParameterValue, 'Run an embedded Redis-protocol pub/sub server for labs without Redis (chapter §2)')
            [CompletionResult]::new('rpc-call', 'rpc-call', [CompletionResultType]::ParameterValue, 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (chapter §10)')
            [CompletionResult]::new('rpc-serve', 'rpc-serve', [CompletionResultType]::ParameterValue, 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (chapter §10)')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run the material''s scenarios end to end on loopback, both sides narrated')
            [CompletionResult]::new('zmq', 'zmq', [CompletionResultType]::ParameterValue, 'ZeroMQ REQ/REP, PUSH/PULL, DEALER/ROUTER, PAIR and proxy (chapter §6, docs/material.md)')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'A server''s TLS handshake and certificate chain, verified (like openssl s_client, for scripts)')
            [CompletionResult]::new('http', 'http', [CompletionResultType]::ParameterValue, 'HTTP/1.1 client with timing phases, and a static file server (chapter §9, docs/material.md)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;udp-echo' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Echo datagrams back (or answer with --reply), one line per datagram')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send datagrams and match replies: RTT, loss, duplicates; or a load run')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;udp-echo;serve' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one')
            [CompletionResult]::new('--reply', '--reply', [CompletionResultType]::ParameterName, 'Answer every datagram with this text instead of echoing it (the seed''s server)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N datagrams')
            [CompletionResult]::new('--drop', '--drop', [CompletionResultType]::ParameterName, 'Drop this percentage of replies (a lossy network, reproducible with --seed)')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms, 50ms+-20ms')
            [CompletionResult]::new('--duplicate', '--duplicate', [CompletionResultType]::ParameterName, 'Send this percentage of replies twice')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for --drop/--delay/--duplicate, so a run can be repeated exactly')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;udp-echo;send' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Number of probes to send')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of probes to send')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Time between probes (like ping''s -i); with MESSAGE `-` stdin lines go out as they come, and --count does not apply')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between probes (like ping''s -i); with MESSAGE `-` stdin lines go out as they come, and --count does not apply')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Pad (or cut) every payload to exactly N bytes')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Pad (or cut) every payload to exactly N bytes')
            [CompletionResult]::new('--seq', '--seq', [CompletionResultType]::ParameterName, 'Sequence numbers in probes (`#N ` prefix), so late, duplicate and reordered replies are told apart')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Load mode: this many sockets sending in parallel (each waits for its reply)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Load mode: how long to run (default 5s when --concurrency is given)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;udp-echo;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Echo datagrams back (or answer with --reply), one line per datagram')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send datagrams and match replies: RTT, loss, duplicates; or a load run')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;udp-echo;help;serve' {
            break
        }
        'netkit;udp-echo;help;send' {
            break
        }
        'netkit;udp-echo;help;help' {
            break
        }
        'netkit;tcp-echo' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve many clients at once, echoing (or answering with --reply) per message')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Connect, send, receive: connect time and RTT; or a load run with --concurrency')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;tcp-echo;serve' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one')
            [CompletionResult]::new('--reply', '--reply', [CompletionResultType]::ParameterName, 'Answer every message with this text instead of echoing it (the seed''s server)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N messages (over all clients)')
            [CompletionResult]::new('--framing', '--framing', [CompletionResultType]::ParameterName, 'How messages are delimited: raw (every read), line (newline), length (4-byte big-endian prefix)')
            [CompletionResult]::new('--max-clients', '--max-clients', [CompletionResultType]::ParameterName, 'Most clients served at once; more are accepted and closed at once, with a log line')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close a client that sends nothing for this long')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message (64KB, 1MiB, bytes); a bigger frame or line closes that client (raw: the read size)')
            [CompletionResult]::new('--max-buffered', '--max-buffered', [CompletionResultType]::ParameterName, 'Input held across all clients (partial messages); at it, the largest wait and stalled ones are closed, quiet longest first')
            [CompletionResult]::new('--backlog', '--backlog', [CompletionResultType]::ParameterName, 'Length of the kernel''s queue of connections not yet accepted (listen(2))')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for --delay''s jitter')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--tls-client-ca', '--tls-client-ca', [CompletionResultType]::ParameterName, 'Require client certificates issued by the CAs in FILE (PEM)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Serve TLS (the TLS echo server, like socat OPENSSL-LISTEN … PIPE); needs --tls-cert/--tls-key')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;tcp-echo;send' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Number of messages to send')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of messages to send')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Time between messages')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between messages')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Pad (or cut) every payload to exactly N bytes')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Pad (or cut) every payload to exactly N bytes')
            [CompletionResult]::new('--framing', '--framing', [CompletionResultType]::ParameterName, 'Framing, matching the server''s: raw, line, length')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Load mode: this many connections in parallel, each sending as fast as replies come')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Load mode: how long to run (default 5s when --concurrency is given)')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Longest stdin line (with `-`) and reply accepted: 64KB, 1MiB, bytes')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Speak TLS to the server (like `socat - OPENSSL:HOST:PORT`); verified unless --insecure')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, '--tls: print the TLS handshake summary before the messages')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;tcp-echo;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve many clients at once, echoing (or answering with --reply) per message')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Connect, send, receive: connect time and RTT; or a load run with --concurrency')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;tcp-echo;help;serve' {
            break
        }
        'netkit;tcp-echo;help;send' {
            break
        }
        'netkit;tcp-echo;help;help' {
            break
        }
        'netkit;dns' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('lookup', 'lookup', [CompletionResultType]::ParameterValue, 'Query a DNS server for any record type (the DNS view, like dig)')
            [CompletionResult]::new('getaddrinfo', 'getaddrinfo', [CompletionResultType]::ParameterValue, 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python''s view)')
            [CompletionResult]::new('reverse', 'reverse', [CompletionResultType]::ParameterValue, 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'The system resolver beside each DNS server, with the differences named')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;dns;lookup' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Tries after the first when a try times out or fails (0-100)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Queries in flight at once (default 64 over UDP, all on one socket; 8 over TCP, a connection each)')
            [CompletionResult]::new('--bufsize', '--bufsize', [CompletionResultType]::ParameterName, 'EDNS UDP buffer size to advertise (512-65535, default 1232)')
            [CompletionResult]::new('--subnet', '--subnet', [CompletionResultType]::ParameterName, 'EDNS client subnet to send, ADDR/PREFIX (RFC 7871), e.g. 192.0.2.0/24')
            [CompletionResult]::new('--class', '--class', [CompletionResultType]::ParameterName, 'Query class: IN (default), CH, HS, ANY or CLASS<n> (e.g. version.bind TXT --class CH)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Message ID to use (random by default), for reproducible captures')
            [CompletionResult]::new('--root-hints', '--root-hints', [CompletionResultType]::ParameterName, 'Root hints for --trace (named.root format; default: the IANA list built in)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port of every server --trace asks, root hints included (default 53), like dig -p')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Longest stdin line accepted with NAME `-`, in bytes')
            [CompletionResult]::new('--https', '--https', [CompletionResultType]::ParameterName, 'Ask over HTTPS (DoH, RFC 8484) at URL, e.g. https://dns.example/dns-query (HTTP/2 or HTTP/1.1 as ALPN decides; http:// speaks plaintext HTTP/1.1, for labs)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP instead of UDP')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'Print record data only, one per line (like dig +short)')
            [CompletionResult]::new('--hostent', '--hostent', [CompletionResultType]::ParameterName, 'Print gethostbyname_ex''s view: (canonical name, aliases, addresses); types A/AAAA (default A)')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'The resolver''s view instead of the server''s message: hickory-resolver with CNAME chasing (and --search, --cache), answer records only, like doggo')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'With --resolve: keep answers for the rest of this run')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'With --resolve: apply resolv.conf''s search domains and ndots (not with --server)')
            [CompletionResult]::new('--norecurse', '--norecurse', [CompletionResultType]::ParameterName, 'Do not ask the server to recurse (RD off), like dig +norecurse')
            [CompletionResult]::new('--dnssec', '--dnssec', [CompletionResultType]::ParameterName, 'Set the DO bit: ask for DNSSEC records (RRSIG, NSEC...); nothing is validated')
            [CompletionResult]::new('--cd', '--cd', [CompletionResultType]::ParameterName, 'Set CD (checking disabled): a validating resolver returns unvalidated data')
            [CompletionResult]::new('--ad', '--ad', [CompletionResultType]::ParameterName, 'Set AD in the query: ask whether the data was validated (RFC 6840 §5.7)')
            [CompletionResult]::new('--no-edns', '--no-edns', [CompletionResultType]::ParameterName, 'Send no OPT record (plain RFC 1035 query, 512-byte UDP answers)')
            [CompletionResult]::new('--nsid', '--nsid', [CompletionResultType]::ParameterName, 'Ask the server for its name server identifier (RFC 5001)')
            [CompletionResult]::new('--cookie', '--cookie', [CompletionResultType]::ParameterName, 'Send a random client cookie (RFC 7873); the server''s is shown, and a BADCOOKIE answer is asked again once with it (as dig does)')
            [CompletionResult]::new('--no-tcp-fallback', '--no-tcp-fallback', [CompletionResultType]::ParameterName, 'A truncated (TC) UDP answer is final: do not ask again over TCP')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Resolve iteratively from the root hints, one block per delegation step (like dig +trace)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Ask over TLS (DoT, RFC 7858): port 853 unless --server names one; --server may then be a host name, which the certificate must carry (or --servername)')
            [CompletionResult]::new('--https-get', '--https-get', [CompletionResultType]::ParameterName, 'With --https: GET /path?dns=BASE64URL instead of POST')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;dns;getaddrinfo' {
            [CompletionResult]::new('--family', '--family', [CompletionResultType]::ParameterName, 'Address family hint')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Socket type hint')
            [CompletionResult]::new('--protocol', '--protocol', [CompletionResultType]::ParameterName, 'Protocol hint')
            [CompletionResult]::new('--flags', '--flags', [CompletionResultType]::ParameterName, 'AI_* flags, comma-separated')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--unique', '--unique', [CompletionResultType]::ParameterName, 'One line per address (family, address, port) with its socket types')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;dns;reverse' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Tries after the first when a try times out or fails (0-100)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'Ask the system (getnameinfo) instead of the DNS')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'Print names only')
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Ask over TCP instead of UDP')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;dns;diff' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Another DNS server to compare, IP[:PORT] (repeatable)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Another DNS server to compare, IP[:PORT] (repeatable)')
            [CompletionResult]::new('--resolv-conf', '--resolv-conf', [CompletionResultType]::ParameterName, 'The resolv.conf to take servers and search domains from (`nameserver IP[:PORT]`)')
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'The hosts file to name as the source of an address only the system gives')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Tries after the first for each server query')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--no-resolv-servers', '--no-resolv-servers', [CompletionResultType]::ParameterName, 'Skip the resolv.conf servers: compare with --server only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;dns;help' {
            [CompletionResult]::new('lookup', 'lookup', [CompletionResultType]::ParameterValue, 'Query a DNS server for any record type (the DNS view, like dig)')
            [CompletionResult]::new('getaddrinfo', 'getaddrinfo', [CompletionResultType]::ParameterValue, 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python''s view)')
            [CompletionResult]::new('reverse', 'reverse', [CompletionResultType]::ParameterValue, 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'The system resolver beside each DNS server, with the differences named')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;dns;help;lookup' {
            break
        }
        'netkit;dns;help;getaddrinfo' {
            break
        }
        'netkit;dns;help;reverse' {
            break
        }
        'netkit;dns;help;diff' {
            break
        }
        'netkit;dns;help;help' {
            break
        }
        'netkit;serv-by-name' {
            [CompletionResult]::new('--proto', '--proto', [CompletionResultType]::ParameterName, 'Protocol to match (tcp, udp, sctp, ddp...); default: every protocol')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read this services file instead of /etc/services (an error if it cannot be read)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--embedded', '--embedded', [CompletionResultType]::ParameterName, 'Use the embedded copy of the registry, not the system file')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List every entry (of --proto, if given) instead of looking up')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;serv-by-port' {
            [CompletionResult]::new('--proto', '--proto', [CompletionResultType]::ParameterName, 'Protocol to match (tcp, udp, sctp, ddp...); default: every protocol')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read this services file instead of /etc/services (an error if it cannot be read)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--embedded', '--embedded', [CompletionResultType]::ParameterName, 'Use the embedded copy of the registry, not the system file')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List every entry (of --proto, if given) instead of looking up')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;pub' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send each message N times')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long between messages (e.g. 100ms)')
            [CompletionResult]::new('--wait-subscribers', '--wait-subscribers', [CompletionResultType]::ParameterName, 'ZeroMQ: before publishing, wait until N subscribers have subscribed (default 1)')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'ZeroMQ: sleep this long before publishing instead of waiting for subscribers (the seed''s sleep(1))')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Longest stdin line accepted as one message (64KB, 1MiB, bytes); a longer one is refused with exit 2')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--exchange-type', '--exchange-type', [CompletionResultType]::ParameterName, 'AMQP: the exchange''s type, declared if missing (default fanout, as in the pika tutorial)')
            [CompletionResult]::new('--routing-key', '--routing-key', [CompletionResultType]::ParameterName, 'AMQP: the routing key (direct and topic exchanges; the queue''s name for the default exchange '''')')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'ZeroMQ: bind the endpoint (the default for pub, like the seed''s publisher)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'ZeroMQ: connect to the endpoint instead of binding')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'ZeroMQ: publish at once, even with nobody subscribed')
            [CompletionResult]::new('--sharded', '--sharded', [CompletionResultType]::ParameterName, 'Redis Cluster: SPUBLISH to the node owning each channel''s slot (sharded pub/sub)')
            [CompletionResult]::new('--keyed', '--keyed', [CompletionResultType]::ParameterName, 'Redis: each stdin line is `KEY MESSAGE`, published to channel CHANNEL+KEY')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'rediss://: print the TLS handshake summary before the messages')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--mandatory', '--mandatory', [CompletionResultType]::ParameterName, 'AMQP: have the broker return messages that no queue takes, and report them as returned (exit 1)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;sub' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Exit after N messages')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'ZeroMQ: largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a publisher sending more is disconnected and reported)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--exchange-type', '--exchange-type', [CompletionResultType]::ParameterName, 'AMQP: the exchange''s type, declared if missing (default fanout)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'AMQP: consume from this durable queue, shared by every subscriber naming it (competing consumers), instead of a private server-named one')
            [CompletionResult]::new('--binding-key', '--binding-key', [CompletionResultType]::ParameterName, 'AMQP: bind the queue with this key (repeatable; topic patterns like ''kern.*''); extra positional arguments are keys too')
            [CompletionResult]::new('--prefetch', '--prefetch', [CompletionResultType]::ParameterName, 'AMQP: at most N unacknowledged messages on their way to this subscriber (basic.qos; with --ack)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])')
            [CompletionResult]::new('--reconnect', '--reconnect', [CompletionResultType]::ParameterName, 'Redis: after a lost connection, reconnect and subscribe again')
            [CompletionResult]::new('--sharded', '--sharded', [CompletionResultType]::ParameterName, 'Redis Cluster: SSUBSCRIBE at the node owning each channel''s slot (sharded pub/sub)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'ZeroMQ: bind the endpoint instead of connecting')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'ZeroMQ: connect to the endpoint (the default for sub)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'rediss://: print the TLS handshake summary before the messages')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--ack', '--ack', [CompletionResultType]::ParameterName, 'AMQP: acknowledge each message after printing it (manual acks) instead of auto-ack')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;broker' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (HOST:PORT, [V6]:PORT, :PORT; port 0 = any free port)')
            [CompletionResult]::new('--max-clients', '--max-clients', [CompletionResultType]::ParameterName, 'Most clients connected at once; more are refused with -ERR max number of clients reached')
            [CompletionResult]::new('--output-limit', '--output-limit', [CompletionResultType]::ParameterName, 'Disconnect a subscriber whose unsent output passes this size (e.g. 32MB, 512KB)')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest bulk string (channel or message) a client may send (e.g. 64MB)')
            [CompletionResult]::new('--max-buffered', '--max-buffered', [CompletionResultType]::ParameterName, 'Input held across all clients (half-sent commands); at it, the largest wait and stalled ones are closed, quiet longest first')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close a client whose half-sent command gets no byte for this long')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--tls-client-ca', '--tls-client-ca', [CompletionResultType]::ParameterName, 'Require client certificates issued by the CAs in FILE (PEM)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;rpc-call' {
            [CompletionResult]::new('--proto', '--proto', [CompletionResultType]::ParameterName, 'RPC family (default: from the URL scheme)')
            [CompletionResult]::new('--params', '--params', [CompletionResultType]::ParameterName, 'The whole parameter list as one JSON array (an object: JSON-RPC named params); - reads stdin')
            [CompletionResult]::new('--method-help', '--method-help', [CompletionResultType]::ParameterName, 'Show a method''s documentation (system.methodHelp)')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'Show a method''s signatures (system.methodSignature)')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Make the same call N times over one kept-alive connection and report calls/s')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --repeat N: keep C calls in flight on C connections (N calls in all), from one thread')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest response accepted, in bytes')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the server''s methods (system.listMethods)')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Send a notification: no reply expected (JSON-RPC, MessagePack-RPC)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show each request and response as it goes on the wire')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'One call per stdin line (METHOD ARG..., or ARG... with METHOD given; or a JSON array), one connection')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;rpc-serve' {
            [CompletionResult]::new('--proto', '--proto', [CompletionResultType]::ParameterName, 'RPC family to serve')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (HOST:PORT, [V6]:PORT, :PORT)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N calls')
            [CompletionResult]::new('--max-clients', '--max-clients', [CompletionResultType]::ParameterName, 'Most clients served at once; more are turned away')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest request body (or MessagePack/JSON message) accepted (1MiB, 64KB, bytes)')
            [CompletionResult]::new('--max-buffered', '--max-buffered', [CompletionResultType]::ParameterName, 'Input held across all clients (partial requests); at it, the largest wait and stalled ones are closed, quiet longest first')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close a connection idle this long, or whose request is not whole by then')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--tls-client-ca', '--tls-client-ca', [CompletionResultType]::ParameterName, 'Require client certificates issued by the CAs in FILE (PEM)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;lab' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Run every lab and end with a pass/fail line per lab')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Add a short plain-language note to each step')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print everything the commands print: connection logs, every repeated warning, each repeated command line (by default a lab shows its commands, the lines that carry the lesson and the checks; --json always has it all)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('req', 'req', [CompletionResultType]::ParameterValue, 'REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate')
            [CompletionResult]::new('rep', 'rep', [CompletionResultType]::ParameterValue, 'REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker')
            [CompletionResult]::new('dealer', 'dealer', [CompletionResultType]::ParameterValue, 'DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)')
            [CompletionResult]::new('router', 'router', [CompletionResultType]::ParameterValue, 'ROUTER: receive with the sender''s routing identity; --reply answers it, --to sends to one')
            [CompletionResult]::new('pair', 'pair', [CompletionResultType]::ParameterValue, 'PAIR: one peer; with messages it sends them, without it receives')
            [CompletionResult]::new('proxy', 'proxy', [CompletionResultType]::ParameterValue, 'A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub')
            [CompletionResult]::new('pub', 'pub', [CompletionResultType]::ParameterValue, 'The same as `netkit pub` (ZeroMQ PUB)')
            [CompletionResult]::new('sub', 'sub', [CompletionResultType]::ParameterValue, 'The same as `netkit sub` (ZeroMQ SUB)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;zmq;req' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Senders: send each message N times; receivers: stop after N messages')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long between messages sent (e.g. 100ms)')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)')
            [CompletionResult]::new('--hwm', '--hwm', [CompletionResultType]::ParameterName, 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'After a reply timeout (--timeout, default 5s), close the socket, open a fresh one and resend, up to N times')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)')
            [CompletionResult]::new('--frames', '--frames', [CompletionResultType]::ParameterName, 'The MESSAGE arguments are the frames of one multipart message')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;rep' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Senders: send each message N times; receivers: stop after N messages')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long between messages sent (e.g. 100ms)')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)')
            [CompletionResult]::new('--hwm', '--hwm', [CompletionResultType]::ParameterName, 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it')
            [CompletionResult]::new('--reply', '--reply', [CompletionResultType]::ParameterName, 'Answer with TEXT, {} replaced by the request (''Stop saying: {}'' is the chapter''s server); default: echo')
            [CompletionResult]::new('--exec', '--exec', [CompletionResultType]::ParameterName, 'Answer with CMD''s stdout, the request on its stdin (split like a shell line, but no shell runs unless CMD names one)')
            [CompletionResult]::new('--exec-timeout', '--exec-timeout', [CompletionResultType]::ParameterName, 'How long one --exec run may take before it is killed (the reply is then an error text)')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Wait this long before each reply (simulates work, as the chapter''s sleep)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)')
            [CompletionResult]::new('--frames', '--frames', [CompletionResultType]::ParameterName, 'The MESSAGE arguments are the frames of one multipart message')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;push' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Senders: send each message N times; receivers: stop after N messages')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long between messages sent (e.g. 100ms)')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)')
            [CompletionResult]::new('--hwm', '--hwm', [CompletionResultType]::ParameterName, 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it')
            [CompletionResult]::new('--wait-peers', '--wait-peers', [CompletionResultType]::ParameterName, 'Wait until N peers have connected before sending (so PUSH round-robins over all of them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)')
            [CompletionResult]::new('--frames', '--frames', [CompletionResultType]::ParameterName, 'The MESSAGE arguments are the frames of one multipart message')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;pull' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Senders: send each message N times; receivers: stop after N messages')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long between messages sent (e.g. 100ms)')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)')
            [CompletionResult]::new('--hwm', '--hwm', [CompletionResultType]::ParameterName, 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it')
            [CompletionResult]::new('--push', '--push', [CompletionResultType]::ParameterName, 'A pipeline worker: forward each message to this PUSH endpoint (connects) after --delay')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'With --push: put TEXT as a first frame on each forwarded message (the sink counts per tag)')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Wait this long per message before showing/forwarding it (simulated work)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)')
            [CompletionResult]::new('--frames', '--frames', [CompletionResultType]::ParameterName, 'The MESSAGE arguments are the frames of one multipart message')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;dealer' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Senders: send each message N times; receivers: stop after N messages')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long between messages sent (e.g. 100ms)')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)')
            [CompletionResult]::new('--hwm', '--hwm', [CompletionResultType]::ParameterName, 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)')
            [CompletionResult]::new('--frames', '--frames', [CompletionResultType]::ParameterName, 'The MESSAGE arguments are the frames of one multipart message')
            [CompletionResult]::new('--envelope', '--envelope', [CompletionResultType]::ParameterName, 'Add the empty delimiter frame a REP (or REQ) expects, and strip it from replies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;router' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Senders: send each message N times; receivers: stop after N messages')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long between messages sent (e.g. 100ms)')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)')
            [CompletionResult]::new('--hwm', '--hwm', [CompletionResultType]::ParameterName, 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it')
            [CompletionResult]::new('--reply', '--reply', [CompletionResultType]::ParameterName, 'Answer each message to its sender with TEXT ({} = the last frame received)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Send the MESSAGE arguments to the peer with this routing identity')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)')
            [CompletionResult]::new('--frames', '--frames', [CompletionResultType]::ParameterName, 'The MESSAGE arguments are the frames of one multipart message')
            [CompletionResult]::new('--router-mandatory', '--router-mandatory', [CompletionResultType]::ParameterName, 'A message to an identity that is not connected is an error (exit 3), not dropped silently')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;pair' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Senders: send each message N times; receivers: stop after N messages')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long between messages sent (e.g. 100ms)')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)')
            [CompletionResult]::new('--hwm', '--hwm', [CompletionResultType]::ParameterName, 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)')
            [CompletionResult]::new('--frames', '--frames', [CompletionResultType]::ParameterName, 'The MESSAGE arguments are the frames of one multipart message')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;proxy' {
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest message forwarded (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE on both sides)')
            [CompletionResult]::new('--hwm', '--hwm', [CompletionResultType]::ParameterName, 'High-water mark per peer on both sides (ZMQ_SNDHWM/RCVHWM)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Connect both sides instead of binding them')
            [CompletionResult]::new('--pubsub', '--pubsub', [CompletionResultType]::ParameterName, 'An XSUB↔XPUB forwarder for pub/sub instead of the ROUTER↔DEALER queue')
            [CompletionResult]::new('--capture', '--capture', [CompletionResultType]::ParameterName, 'Print every message forwarded as an event (direction and frames)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;pub' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Send each message N times')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long between messages (e.g. 100ms)')
            [CompletionResult]::new('--wait-subscribers', '--wait-subscribers', [CompletionResultType]::ParameterName, 'ZeroMQ: before publishing, wait until N subscribers have subscribed (default 1)')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'ZeroMQ: sleep this long before publishing instead of waiting for subscribers (the seed''s sleep(1))')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Longest stdin line accepted as one message (64KB, 1MiB, bytes); a longer one is refused with exit 2')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--exchange-type', '--exchange-type', [CompletionResultType]::ParameterName, 'AMQP: the exchange''s type, declared if missing (default fanout, as in the pika tutorial)')
            [CompletionResult]::new('--routing-key', '--routing-key', [CompletionResultType]::ParameterName, 'AMQP: the routing key (direct and topic exchanges; the queue''s name for the default exchange '''')')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'ZeroMQ: bind the endpoint (the default for pub, like the seed''s publisher)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'ZeroMQ: connect to the endpoint instead of binding')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'ZeroMQ: publish at once, even with nobody subscribed')
            [CompletionResult]::new('--sharded', '--sharded', [CompletionResultType]::ParameterName, 'Redis Cluster: SPUBLISH to the node owning each channel''s slot (sharded pub/sub)')
            [CompletionResult]::new('--keyed', '--keyed', [CompletionResultType]::ParameterName, 'Redis: each stdin line is `KEY MESSAGE`, published to channel CHANNEL+KEY')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'rediss://: print the TLS handshake summary before the messages')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--mandatory', '--mandatory', [CompletionResultType]::ParameterName, 'AMQP: have the broker return messages that no queue takes, and report them as returned (exit 1)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;sub' {
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Exit after N messages')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'ZeroMQ: largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a publisher sending more is disconnected and reported)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--exchange-type', '--exchange-type', [CompletionResultType]::ParameterName, 'AMQP: the exchange''s type, declared if missing (default fanout)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'AMQP: consume from this durable queue, shared by every subscriber naming it (competing consumers), instead of a private server-named one')
            [CompletionResult]::new('--binding-key', '--binding-key', [CompletionResultType]::ParameterName, 'AMQP: bind the queue with this key (repeatable; topic patterns like ''kern.*''); extra positional arguments are keys too')
            [CompletionResult]::new('--prefetch', '--prefetch', [CompletionResultType]::ParameterName, 'AMQP: at most N unacknowledged messages on their way to this subscriber (basic.qos; with --ack)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])')
            [CompletionResult]::new('--reconnect', '--reconnect', [CompletionResultType]::ParameterName, 'Redis: after a lost connection, reconnect and subscribe again')
            [CompletionResult]::new('--sharded', '--sharded', [CompletionResultType]::ParameterName, 'Redis Cluster: SSUBSCRIBE at the node owning each channel''s slot (sharded pub/sub)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'ZeroMQ: bind the endpoint instead of connecting')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'ZeroMQ: connect to the endpoint (the default for sub)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'rediss://: print the TLS handshake summary before the messages')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--ack', '--ack', [CompletionResultType]::ParameterName, 'AMQP: acknowledge each message after printing it (manual acks) instead of auto-ack')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;zmq;help' {
            [CompletionResult]::new('req', 'req', [CompletionResultType]::ParameterValue, 'REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate')
            [CompletionResult]::new('rep', 'rep', [CompletionResultType]::ParameterValue, 'REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker')
            [CompletionResult]::new('dealer', 'dealer', [CompletionResultType]::ParameterValue, 'DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)')
            [CompletionResult]::new('router', 'router', [CompletionResultType]::ParameterValue, 'ROUTER: receive with the sender''s routing identity; --reply answers it, --to sends to one')
            [CompletionResult]::new('pair', 'pair', [CompletionResultType]::ParameterValue, 'PAIR: one peer; with messages it sends them, without it receives')
            [CompletionResult]::new('proxy', 'proxy', [CompletionResultType]::ParameterValue, 'A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub')
            [CompletionResult]::new('pub', 'pub', [CompletionResultType]::ParameterValue, 'The same as `netkit pub` (ZeroMQ PUB)')
            [CompletionResult]::new('sub', 'sub', [CompletionResultType]::ParameterValue, 'The same as `netkit sub` (ZeroMQ SUB)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;zmq;help;req' {
            break
        }
        'netkit;zmq;help;rep' {
            break
        }
        'netkit;zmq;help;push' {
            break
        }
        'netkit;zmq;help;pull' {
            break
        }
        'netkit;zmq;help;dealer' {
            break
        }
        'netkit;zmq;help;router' {
            break
        }
        'netkit;zmq;help;pair' {
            break
        }
        'netkit;zmq;help;proxy' {
            break
        }
        'netkit;zmq;help;pub' {
            break
        }
        'netkit;zmq;help;sub' {
            break
        }
        'netkit;zmq;help;help' {
            break
        }
        'netkit;tls' {
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--warn-days', '--warn-days', [CompletionResultType]::ParameterName, 'Exit 1 when a certificate of the chain expires within N days')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade a plaintext session first (SMTP''s STARTTLS)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;http' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'GET a URL: headers as `<` lines on stderr, the body on stdout')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'HEAD: the status line and headers only')
            [CompletionResult]::new('post', 'post', [CompletionResultType]::ParameterValue, 'POST a body (argument, @file, - for stdin, or --json-body)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'PUT a body (argument, @file, - for stdin, or --json-body)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'DELETE a URL')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve a directory''s files over HTTP/1.1 (like python3 -m http.server)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;http;get' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--json-body', '--json-body', [CompletionResultType]::ParameterName, 'A JSON body (checked), sent with Content-Type and Accept application/json')
            [CompletionResult]::new('--max-redirects', '--max-redirects', [CompletionResultType]::ParameterName, 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Send the request N times over one keep-alive connection (p50/p99 per phase)')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest response body accepted')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--timing', '--timing', [CompletionResultType]::ParameterName, 'Show the timing phases (always in --json)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show the bytes of each request and response as they went on the wire')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;http;head' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--json-body', '--json-body', [CompletionResultType]::ParameterName, 'A JSON body (checked), sent with Content-Type and Accept application/json')
            [CompletionResult]::new('--max-redirects', '--max-redirects', [CompletionResultType]::ParameterName, 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Send the request N times over one keep-alive connection (p50/p99 per phase)')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest response body accepted')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--timing', '--timing', [CompletionResultType]::ParameterName, 'Show the timing phases (always in --json)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show the bytes of each request and response as they went on the wire')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;http;post' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--json-body', '--json-body', [CompletionResultType]::ParameterName, 'A JSON body (checked), sent with Content-Type and Accept application/json')
            [CompletionResult]::new('--max-redirects', '--max-redirects', [CompletionResultType]::ParameterName, 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Send the request N times over one keep-alive connection (p50/p99 per phase)')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest response body accepted')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--timing', '--timing', [CompletionResultType]::ParameterName, 'Show the timing phases (always in --json)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show the bytes of each request and response as they went on the wire')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;http;put' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--json-body', '--json-body', [CompletionResultType]::ParameterName, 'A JSON body (checked), sent with Content-Type and Accept application/json')
            [CompletionResult]::new('--max-redirects', '--max-redirects', [CompletionResultType]::ParameterName, 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Send the request N times over one keep-alive connection (p50/p99 per phase)')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest response body accepted')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--timing', '--timing', [CompletionResultType]::ParameterName, 'Show the timing phases (always in --json)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show the bytes of each request and response as they went on the wire')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;http;delete' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--json-body', '--json-body', [CompletionResultType]::ParameterName, 'A JSON body (checked), sent with Content-Type and Accept application/json')
            [CompletionResult]::new('--max-redirects', '--max-redirects', [CompletionResultType]::ParameterName, 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Send the request N times over one keep-alive connection (p50/p99 per phase)')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest response body accepted')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the body to FILE instead of stdout')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in FILE (PEM) instead of the system roots')
            [CompletionResult]::new('--servername', '--servername', [CompletionResultType]::ParameterName, 'Name sent as SNI and checked against the certificate (default: the host given)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate chain (PEM) for servers that require one; needs --key')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert')
            [CompletionResult]::new('--alpn', '--alpn', [CompletionResultType]::ParameterName, 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--timing', '--timing', [CompletionResultType]::ParameterName, 'Show the timing phases (always in --json)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show the bytes of each request and response as they went on the wire')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate (a warning says so on stderr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;http;serve' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Address to listen on (a wildcard address warns)')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (a wildcard address warns)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after answering N requests')
            [CompletionResult]::new('--max-clients', '--max-clients', [CompletionResultType]::ParameterName, 'Most clients at once; more are answered 503 and closed')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close a connection idle (or a request unfinished) for this long')
            [CompletionResult]::new('--max-request', '--max-request', [CompletionResultType]::ParameterName, 'Largest request (head plus body) accepted; more is answered 431/413 and closed')
            [CompletionResult]::new('--max-buffered', '--max-buffered', [CompletionResultType]::ParameterName, 'Partial input held across all connections; at it, the largest wait and stalled ones are closed, quiet longest first')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Private key (PEM) of --tls-cert')
            [CompletionResult]::new('--tls-client-ca', '--tls-client-ca', [CompletionResultType]::ParameterName, 'Require client certificates issued by the CAs in FILE (PEM)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON Lines: one object per event, each with a "type" (errors too)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only summaries and errors, not one line per message')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'netkit;http;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'GET a URL: headers as `<` lines on stderr, the body on stdout')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'HEAD: the status line and headers only')
            [CompletionResult]::new('post', 'post', [CompletionResultType]::ParameterValue, 'POST a body (argument, @file, - for stdin, or --json-body)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'PUT a body (argument, @file, - for stdin, or --json-body)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'DELETE a URL')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve a directory''s files over HTTP/1.1 (like python3 -m http.server)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;http;help;get' {
            break
        }
        'netkit;http;help;head' {
            break
        }
        'netkit;http;help;post' {
            break
        }
        'netkit;http;help;put' {
            break
        }
        'netkit;http;help;delete' {
            break
        }
        'netkit;http;help;serve' {
            break
        }
        'netkit;http;help;help' {
            break
        }
        'netkit;help' {
            [CompletionResult]::new('udp-echo', 'udp-echo', [CompletionResultType]::ParameterValue, 'UDP echo server and client (RFC 862; chapter §5)')
            [CompletionResult]::new('tcp-echo', 'tcp-echo', [CompletionResultType]::ParameterValue, 'TCP echo server and client with framing and a load mode (chapter §5)')
            [CompletionResult]::new('dns', 'dns', [CompletionResultType]::ParameterValue, 'DNS queries, the system''s getaddrinfo, and reverse lookups (chapter §8)')
            [CompletionResult]::new('serv-by-name', 'serv-by-name', [CompletionResultType]::ParameterValue, 'Look up services by name in the services database (getservbyname; chapter §8)')
            [CompletionResult]::new('serv-by-port', 'serv-by-port', [CompletionResultType]::ParameterValue, 'Look up services by port in the services database (getservbyport; chapter §8)')
            [CompletionResult]::new('pub', 'pub', [CompletionResultType]::ParameterValue, 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)')
            [CompletionResult]::new('sub', 'sub', [CompletionResultType]::ParameterValue, 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)')
            [CompletionResult]::new('broker', 'broker', [CompletionResultType]::ParameterValue, 'Run an embedded Redis-protocol pub/sub server for labs without Redis (chapter §2)')
            [CompletionResult]::new('rpc-call', 'rpc-call', [CompletionResultType]::ParameterValue, 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (chapter §10)')
            [CompletionResult]::new('rpc-serve', 'rpc-serve', [CompletionResultType]::ParameterValue, 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (chapter §10)')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run the material''s scenarios end to end on loopback, both sides narrated')
            [CompletionResult]::new('zmq', 'zmq', [CompletionResultType]::ParameterValue, 'ZeroMQ REQ/REP, PUSH/PULL, DEALER/ROUTER, PAIR and proxy (chapter §6, docs/material.md)')
            [CompletionResult]::new('tls', 'tls', [CompletionResultType]::ParameterValue, 'A server''s TLS handshake and certificate chain, verified (like openssl s_client, for scripts)')
            [CompletionResult]::new('http', 'http', [CompletionResultType]::ParameterValue, 'HTTP/1.1 client with timing phases, and a static file server (chapter §9, docs/material.md)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;help;udp-echo' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Echo datagrams back (or answer with --reply), one line per datagram')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send datagrams and match replies: RTT, loss, duplicates; or a load run')
            break
        }
        'netkit;help;udp-echo;serve' {
            break
        }
        'netkit;help;udp-echo;send' {
            break
        }
        'netkit;help;tcp-echo' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve many clients at once, echoing (or answering with --reply) per message')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Connect, send, receive: connect time and RTT; or a load run with --concurrency')
            break
        }
        'netkit;help;tcp-echo;serve' {
            break
        }
        'netkit;help;tcp-echo;send' {
            break
        }
        'netkit;help;dns' {
            [CompletionResult]::new('lookup', 'lookup', [CompletionResultType]::ParameterValue, 'Query a DNS server for any record type (the DNS view, like dig)')
            [CompletionResult]::new('getaddrinfo', 'getaddrinfo', [CompletionResultType]::ParameterValue, 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python''s view)')
            [CompletionResult]::new('reverse', 'reverse', [CompletionResultType]::ParameterValue, 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'The system resolver beside each DNS server, with the differences named')
            break
        }
        'netkit;help;dns;lookup' {
            break
        }
        'netkit;help;dns;getaddrinfo' {
            break
        }
        'netkit;help;dns;reverse' {
            break
        }
        'netkit;help;dns;diff' {
            break
        }
        'netkit;help;serv-by-name' {
            break
        }
        'netkit;help;serv-by-port' {
            break
        }
        'netkit;help;pub' {
            break
        }
        'netkit;help;sub' {
            break
        }
        'netkit;help;broker' {
            break
        }
        'netkit;help;rpc-call' {
            break
        }
        'netkit;help;rpc-serve' {
            break
        }
        'netkit;help;lab' {
            break
        }
        'netkit;help;zmq' {
            [CompletionResult]::new('req', 'req', [CompletionResultType]::ParameterValue, 'REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate')
            [CompletionResult]::new('rep', 'rep', [CompletionResultType]::ParameterValue, 'REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker')
            [CompletionResult]::new('dealer', 'dealer', [CompletionResultType]::ParameterValue, 'DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)')
            [CompletionResult]::new('router', 'router', [CompletionResultType]::ParameterValue, 'ROUTER: receive with the sender''s routing identity; --reply answers it, --to sends to one')
            [CompletionResult]::new('pair', 'pair', [CompletionResultType]::ParameterValue, 'PAIR: one peer; with messages it sends them, without it receives')
            [CompletionResult]::new('proxy', 'proxy', [CompletionResultType]::ParameterValue, 'A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub')
            [CompletionResult]::new('pub', 'pub', [CompletionResultType]::ParameterValue, 'The same as `netkit pub` (ZeroMQ PUB)')
            [CompletionResult]::new('sub', 'sub', [CompletionResultType]::ParameterValue, 'The same as `netkit sub` (ZeroMQ SUB)')
            break
        }
        'netkit;help;zmq;req' {
            break
        }
        'netkit;help;zmq;rep' {
            break
        }
        'netkit;help;zmq;push' {
            break
        }
        'netkit;help;zmq;pull' {
            break
        }
        'netkit;help;zmq;dealer' {
            break
        }
        'netkit;help;zmq;router' {
            break
        }
        'netkit;help;zmq;pair' {
            break
        }
        'netkit;help;zmq;proxy' {
            break
        }
        'netkit;help;zmq;pub' {
            break
        }
        'netkit;help;zmq;sub' {
            break
        }
        'netkit;help;tls' {
            break
        }
        'netkit;help;http' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'GET a URL: headers as `<` lines on stderr, the body on stdout')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'HEAD: the status line and headers only')
            [CompletionResult]::new('post', 'post', [CompletionResultType]::ParameterValue, 'POST a body (argument, @file, - for stdin, or --json-body)')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'PUT a body (argument, @file, - for stdin, or --json-body)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'DELETE a URL')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve a directory''s files over HTTP/1.1 (like python3 -m http.server)')
            break
        }
        'netkit;help;http;get' {
            break
        }
        'netkit;help;http;head' {
            break
        }
        'netkit;help;http;post' {
            break
        }
        'netkit;help;http;put' {
            break
        }
        'netkit;help;http;delete' {
            break
        }
        'netkit;help;http;serve' {
            break
        }
        'netkit;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}


use builtin;
use str;

set edit:completion:arg-completer[netkit] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'netkit'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'netkit'= {
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand udp-echo 'UDP echo server and client (RFC 862; SEED §5)'
            cand tcp-echo 'TCP echo server and client with framing and a load mode (SEED §5)'
            cand dns 'DNS queries, the system''s getaddrinfo, and reverse lookups (SEED §8)'
            cand serv-by-name 'Look up services by name in the services database (getservbyname; SEED §8)'
            cand serv-by-port 'Look up services by port in the services database (getservbyport; SEED §8)'
            cand pub 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)'
            cand sub 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)'
            cand broker 'Run an embedded Redis-protocol pub/sub server for labs without Redis (SEED §2)'
            cand rpc-call 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (SEED §10)'
            cand rpc-serve 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (SEED §10)'
            cand lab 'Run the material''s scenarios end to end on loopback, both sides narrated'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;udp-echo'= {
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Echo datagrams back (or answer with --reply), one line per datagram'
            cand send 'Send datagrams and match replies: RTT, loss, duplicates; or a load run'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;udp-echo;serve'= {
            cand -l 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one'
            cand --listen 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one'
            cand --reply 'Answer every datagram with this text instead of echoing it (the seed''s server)'
            cand --count 'Stop after N datagrams'
            cand --drop 'Drop this percentage of replies (a lossy network, reproducible with --seed)'
            cand --delay 'Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms, 50ms+-20ms'
            cand --duplicate 'Send this percentage of replies twice'
            cand --seed 'Seed for --drop/--delay/--duplicate, so a run can be repeated exactly'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;udp-echo;send'= {
            cand -c 'Number of probes to send'
            cand --count 'Number of probes to send'
            cand -i 'Time between probes (like ping''s -i); with MESSAGE `-` stdin lines go out as they come, and --count does not apply'
            cand --interval 'Time between probes (like ping''s -i); with MESSAGE `-` stdin lines go out as they come, and --count does not apply'
            cand -s 'Pad (or cut) every payload to exactly N bytes'
            cand --size 'Pad (or cut) every payload to exactly N bytes'
            cand --seq 'Sequence numbers in probes (`#N ` prefix), so late, duplicate and reordered replies are told apart'
            cand --concurrency 'Load mode: this many sockets sending in parallel (each waits for its reply)'
            cand --duration 'Load mode: how long to run (default 5s when --concurrency is given)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;udp-echo;help'= {
            cand serve 'Echo datagrams back (or answer with --reply), one line per datagram'
            cand send 'Send datagrams and match replies: RTT, loss, duplicates; or a load run'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;udp-echo;help;serve'= {
        }
        &'netkit;udp-echo;help;send'= {
        }
        &'netkit;udp-echo;help;help'= {
        }
        &'netkit;tcp-echo'= {
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Serve many clients at once, echoing (or answering with --reply) per message'
            cand send 'Connect, send, receive: connect time and RTT; or a load run with --concurrency'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;tcp-echo;serve'= {
            cand -l 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one'
            cand --listen 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one'
            cand --reply 'Answer every message with this text instead of echoing it (the seed''s server)'
            cand --count 'Stop after N messages (over all clients)'
            cand --framing 'How messages are delimited: raw (every read), line (newline), length (4-byte big-endian prefix)'
            cand --max-clients 'Most clients served at once; more are accepted and closed at once, with a log line'
            cand --idle-timeout 'Close a client that sends nothing for this long'
            cand --max-size 'Largest message in bytes; a bigger frame or line closes that client (raw: the read size)'
            cand --backlog 'Length of the kernel''s queue of connections not yet accepted (listen(2))'
            cand --delay 'Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms'
            cand --seed 'Seed for --delay''s jitter'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;tcp-echo;send'= {
            cand -c 'Number of messages to send'
            cand --count 'Number of messages to send'
            cand -i 'Time between messages'
            cand --interval 'Time between messages'
            cand -s 'Pad (or cut) every payload to exactly N bytes'
            cand --size 'Pad (or cut) every payload to exactly N bytes'
            cand --framing 'Framing, matching the server''s: raw, line, length'
            cand --concurrency 'Load mode: this many connections in parallel, each sending as fast as replies come'
            cand --duration 'Load mode: how long to run (default 5s when --concurrency is given)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;tcp-echo;help'= {
            cand serve 'Serve many clients at once, echoing (or answering with --reply) per message'
            cand send 'Connect, send, receive: connect time and RTT; or a load run with --concurrency'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;tcp-echo;help;serve'= {
        }
        &'netkit;tcp-echo;help;send'= {
        }
        &'netkit;tcp-echo;help;help'= {
        }
        &'netkit;dns'= {
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand lookup 'Query a DNS server for any record type (the DNS view, like dig)'
            cand getaddrinfo 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python''s view)'
            cand reverse 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;dns;lookup'= {
            cand -s 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)'
            cand --server 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)'
            cand --retries 'Tries after the first when a try times out or fails (0-100)'
            cand --concurrency 'Queries in flight at once (default 64 over UDP, 1 over TCP: dnsmasq, for one, drops queries pipelined on one TCP connection)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --tcp 'Ask over TCP instead of UDP'
            cand --short 'Print record data only, one per line (like dig +short)'
            cand --hostent 'Print gethostbyname_ex''s view: (canonical name, aliases, addresses); types A/AAAA (default A)'
            cand --cache 'Keep answers for the rest of this run (off by default: every query goes to the server)'
            cand --search 'Apply resolv.conf''s search domains to names without a trailing dot (not with --server)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;dns;getaddrinfo'= {
            cand --family 'Address family hint'
            cand --type 'Socket type hint'
            cand --protocol 'Protocol hint'
            cand --flags 'AI_* flags, comma-separated'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --unique 'One line per address (family, address, port) with its socket types'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;dns;reverse'= {
            cand -s 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)'
            cand --server 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)'
            cand --retries 'Tries after the first when a try times out or fails (0-100)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --system 'Ask the system (getnameinfo) instead of the DNS'
            cand --short 'Print names only'
            cand --tcp 'Ask over TCP instead of UDP'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;dns;help'= {
            cand lookup 'Query a DNS server for any record type (the DNS view, like dig)'
            cand getaddrinfo 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python''s view)'
            cand reverse 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;dns;help;lookup'= {
        }
        &'netkit;dns;help;getaddrinfo'= {
        }
        &'netkit;dns;help;reverse'= {
        }
        &'netkit;dns;help;help'= {
        }
        &'netkit;serv-by-name'= {
            cand --proto 'Protocol to match (tcp, udp, sctp, ddp...); default: every protocol'
            cand --file 'Read this services file instead of /etc/services (an error if it cannot be read)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --embedded 'Use the embedded copy of the registry, not the system file'
            cand --list 'List every entry (of --proto, if given) instead of looking up'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;serv-by-port'= {
            cand --proto 'Protocol to match (tcp, udp, sctp, ddp...); default: every protocol'
            cand --file 'Read this services file instead of /etc/services (an error if it cannot be read)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --embedded 'Use the embedded copy of the registry, not the system file'
            cand --list 'List every entry (of --proto, if given) instead of looking up'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;pub'= {
            cand --count 'Send each message N times'
            cand --interval 'Wait this long between messages (e.g. 100ms)'
            cand --wait-subscribers 'ZeroMQ: before publishing, wait until N subscribers have subscribed (default 1)'
            cand --delay 'ZeroMQ: sleep this long before publishing instead of waiting for subscribers (the seed''s sleep(1))'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'ZeroMQ: bind the endpoint (the default for pub, like the seed''s publisher)'
            cand --connect 'ZeroMQ: connect to the endpoint instead of binding'
            cand --no-wait 'ZeroMQ: publish at once, even with nobody subscribed'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;sub'= {
            cand --count 'Exit after N messages'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --pattern 'Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])'
            cand --reconnect 'Redis: after a lost connection, reconnect and subscribe again'
            cand --bind 'ZeroMQ: bind the endpoint instead of connecting'
            cand --connect 'ZeroMQ: connect to the endpoint (the default for sub)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;broker'= {
            cand --listen 'Address to listen on (HOST:PORT, [V6]:PORT, :PORT; port 0 = any free port)'
            cand --max-clients 'Most clients connected at once; more are refused with -ERR max number of clients reached'
            cand --output-limit 'Disconnect a subscriber whose unsent output passes this size (e.g. 32MB, 512KB)'
            cand --max-size 'Largest bulk string (channel or message) a client may send (e.g. 64MB)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;rpc-call'= {
            cand --proto 'RPC family (default: from the URL scheme)'
            cand --params 'The whole parameter list as one JSON array (an object: JSON-RPC named params); - reads stdin'
            cand --method-help 'Show a method''s documentation (system.methodHelp)'
            cand --signature 'Show a method''s signatures (system.methodSignature)'
            cand --repeat 'Make the same call N times over one kept-alive connection and report calls/s'
            cand --concurrency 'With --repeat N: keep C calls in flight on C connections (N calls in all), from one thread'
            cand --max-size 'Largest response accepted, in bytes'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --list 'List the server''s methods (system.listMethods)'
            cand --notify 'Send a notification: no reply expected (JSON-RPC, MessagePack-RPC)'
            cand --trace 'Show each request and response as it goes on the wire'
            cand --stdin 'One call per stdin line (METHOD ARG..., or ARG... with METHOD given; or a JSON array), one connection'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;rpc-serve'= {
            cand --proto 'RPC family to serve'
            cand --listen 'Address to listen on (HOST:PORT, [V6]:PORT, :PORT)'
            cand --count 'Stop after N calls'
            cand --max-clients 'Most clients served at once; more are turned away'
            cand --max-size 'Largest request body (or MessagePack/JSON message) accepted, in bytes'
            cand --idle-timeout 'Close a connection idle this long, or whose request is not whole by then'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;lab'= {
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --all 'Run every lab and end with a pass/fail line per lab'
            cand --explain 'Add a short plain-language note to each step'
            cand --verbose 'Print everything the commands print: connection logs, every repeated warning, each repeated command line (by default a lab shows its commands, the lines that carry the lesson and the checks; --json always has it all)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;help'= {
            cand udp-echo 'UDP echo server and client (RFC 862; SEED §5)'
            cand tcp-echo 'TCP echo server and client with framing and a load mode (SEED §5)'
            cand dns 'DNS queries, the system''s getaddrinfo, and reverse lookups (SEED §8)'
            cand serv-by-name 'Look up services by name in the services database (getservbyname; SEED §8)'
            cand serv-by-port 'Look up services by port in the services database (getservbyport; SEED §8)'
            cand pub 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)'
            cand sub 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)'
            cand broker 'Run an embedded Redis-protocol pub/sub server for labs without Redis (SEED §2)'
            cand rpc-call 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (SEED §10)'
            cand rpc-serve 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (SEED §10)'
            cand lab 'Run the material''s scenarios end to end on loopback, both sides narrated'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;help;udp-echo'= {
            cand serve 'Echo datagrams back (or answer with --reply), one line per datagram'
            cand send 'Send datagrams and match replies: RTT, loss, duplicates; or a load run'
        }
        &'netkit;help;udp-echo;serve'= {
        }
        &'netkit;help;udp-echo;send'= {
        }
        &'netkit;help;tcp-echo'= {
            cand serve 'Serve many clients at once, echoing (or answering with --reply) per message'
            cand send 'Connect, send, receive: connect time and RTT; or a load run with --concurrency'
        }
        &'netkit;help;tcp-echo;serve'= {
        }
        &'netkit;help;tcp-echo;send'= {
        }
        &'netkit;help;dns'= {
            cand lookup 'Query a DNS server for any record type (the DNS view, like dig)'
            cand getaddrinfo 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python''s view)'
            cand reverse 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system'
        }
        &'netkit;help;dns;lookup'= {
        }
        &'netkit;help;dns;getaddrinfo'= {
        }
        &'netkit;help;dns;reverse'= {
        }
        &'netkit;help;serv-by-name'= {
        }
        &'netkit;help;serv-by-port'= {
        }
        &'netkit;help;pub'= {
        }
        &'netkit;help;sub'= {
        }
        &'netkit;help;broker'= {
        }
        &'netkit;help;rpc-call'= {
        }
        &'netkit;help;rpc-serve'= {
        }
        &'netkit;help;lab'= {
        }
        &'netkit;help;help'= {
        }
    ]
    $completions[$command]
}

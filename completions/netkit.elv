
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
            cand udp-echo 'UDP echo server and client (RFC 862; chapter §5)'
            cand tcp-echo 'TCP echo server and client with framing and a load mode (chapter §5)'
            cand dns 'DNS queries, the system''s getaddrinfo, and reverse lookups (chapter §8)'
            cand serv-by-name 'Look up services by name in the services database (getservbyname; chapter §8)'
            cand serv-by-port 'Look up services by port in the services database (getservbyport; chapter §8)'
            cand pub 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)'
            cand sub 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)'
            cand broker 'Run an embedded Redis-protocol pub/sub server for labs without Redis (chapter §2)'
            cand rpc-call 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (chapter §10)'
            cand rpc-serve 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (chapter §10)'
            cand lab 'Run the material''s scenarios end to end on loopback, both sides narrated'
            cand zmq 'ZeroMQ REQ/REP, PUSH/PULL, DEALER/ROUTER, PAIR and proxy (chapter §6, docs/material.md)'
            cand tls 'A server''s TLS handshake and certificate chain, verified (like openssl s_client, for scripts)'
            cand http 'HTTP/1.1 client with timing phases, and a static file server (chapter §9, docs/material.md)'
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
            cand --max-size 'Largest message (64KB, 1MiB, bytes); a bigger frame or line closes that client (raw: the read size)'
            cand --max-buffered 'Input held across all clients (partial messages); at it, the largest wait and stalled ones are closed, quiet longest first'
            cand --backlog 'Length of the kernel''s queue of connections not yet accepted (listen(2))'
            cand --delay 'Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms'
            cand --seed 'Seed for --delay''s jitter'
            cand --tls-cert 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --tls-client-ca 'Require client certificates issued by the CAs in FILE (PEM)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --tls 'Serve TLS (the TLS echo server, like socat OPENSSL-LISTEN … PIPE); needs --tls-cert/--tls-key'
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
            cand --max-size 'Longest stdin line (with `-`) and reply accepted: 64KB, 1MiB, bytes'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --tls 'Speak TLS to the server (like `socat - OPENSSL:HOST:PORT`); verified unless --insecure'
            cand --trace '--tls: print the TLS handshake summary before the messages'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
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
            cand diff 'The system resolver beside each DNS server, with the differences named'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;dns;lookup'= {
            cand -s 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)'
            cand --server 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)'
            cand --retries 'Tries after the first when a try times out or fails (0-100)'
            cand --concurrency 'Queries in flight at once (default 64 over UDP, all on one socket; 8 over TCP, a connection each)'
            cand --bufsize 'EDNS UDP buffer size to advertise (512-65535, default 1232)'
            cand --subnet 'EDNS client subnet to send, ADDR/PREFIX (RFC 7871), e.g. 192.0.2.0/24'
            cand --class 'Query class: IN (default), CH, HS, ANY or CLASS<n> (e.g. version.bind TXT --class CH)'
            cand --id 'Message ID to use (random by default), for reproducible captures'
            cand --root-hints 'Root hints for --trace (named.root format; default: the IANA list built in)'
            cand --port 'Port of every server --trace asks, root hints included (default 53), like dig -p'
            cand --max-size 'Longest stdin line accepted with NAME `-`, in bytes'
            cand --https 'Ask over HTTPS (DoH, RFC 8484) at URL, e.g. https://dns.example/dns-query (HTTP/2 or HTTP/1.1 as ALPN decides; http:// speaks plaintext HTTP/1.1, for labs)'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --tcp 'Ask over TCP instead of UDP'
            cand --short 'Print record data only, one per line (like dig +short)'
            cand --hostent 'Print gethostbyname_ex''s view: (canonical name, aliases, addresses); types A/AAAA (default A)'
            cand --resolve 'The resolver''s view instead of the server''s message: hickory-resolver with CNAME chasing (and --search, --cache), answer records only, like doggo'
            cand --cache 'With --resolve: keep answers for the rest of this run'
            cand --search 'With --resolve: apply resolv.conf''s search domains and ndots (not with --server)'
            cand --norecurse 'Do not ask the server to recurse (RD off), like dig +norecurse'
            cand --dnssec 'Set the DO bit: ask for DNSSEC records (RRSIG, NSEC...); nothing is validated'
            cand --cd 'Set CD (checking disabled): a validating resolver returns unvalidated data'
            cand --ad 'Set AD in the query: ask whether the data was validated (RFC 6840 §5.7)'
            cand --no-edns 'Send no OPT record (plain RFC 1035 query, 512-byte UDP answers)'
            cand --nsid 'Ask the server for its name server identifier (RFC 5001)'
            cand --cookie 'Send a random client cookie (RFC 7873); the server''s is shown, and a BADCOOKIE answer is asked again once with it (as dig does)'
            cand --no-tcp-fallback 'A truncated (TC) UDP answer is final: do not ask again over TCP'
            cand --trace 'Resolve iteratively from the root hints, one block per delegation step (like dig +trace)'
            cand --tls 'Ask over TLS (DoT, RFC 7858): port 853 unless --server names one; --server may then be a host name, which the certificate must carry (or --servername)'
            cand --https-get 'With --https: GET /path?dns=BASE64URL instead of POST'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
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
        &'netkit;dns;diff'= {
            cand -s 'Another DNS server to compare, IP[:PORT] (repeatable)'
            cand --server 'Another DNS server to compare, IP[:PORT] (repeatable)'
            cand --resolv-conf 'The resolv.conf to take servers and search domains from (`nameserver IP[:PORT]`)'
            cand --hosts 'The hosts file to name as the source of an address only the system gives'
            cand --retries 'Tries after the first for each server query'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --no-resolv-servers 'Skip the resolv.conf servers: compare with --server only'
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
            cand diff 'The system resolver beside each DNS server, with the differences named'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;dns;help;lookup'= {
        }
        &'netkit;dns;help;getaddrinfo'= {
        }
        &'netkit;dns;help;reverse'= {
        }
        &'netkit;dns;help;diff'= {
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
            cand --max-size 'Longest stdin line accepted as one message (64KB, 1MiB, bytes); a longer one is refused with exit 2'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --exchange-type 'AMQP: the exchange''s type, declared if missing (default fanout, as in the pika tutorial)'
            cand --routing-key 'AMQP: the routing key (direct and topic exchanges; the queue''s name for the default exchange '''')'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'ZeroMQ: bind the endpoint (the default for pub, like the seed''s publisher)'
            cand --connect 'ZeroMQ: connect to the endpoint instead of binding'
            cand --no-wait 'ZeroMQ: publish at once, even with nobody subscribed'
            cand --sharded 'Redis Cluster: SPUBLISH to the node owning each channel''s slot (sharded pub/sub)'
            cand --keyed 'Redis: each stdin line is `KEY MESSAGE`, published to channel CHANNEL+KEY'
            cand --trace 'rediss://: print the TLS handshake summary before the messages'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --mandatory 'AMQP: have the broker return messages that no queue takes, and report them as returned (exit 1)'
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
            cand --max-size 'ZeroMQ: largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a publisher sending more is disconnected and reported)'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --exchange-type 'AMQP: the exchange''s type, declared if missing (default fanout)'
            cand --queue 'AMQP: consume from this durable queue, shared by every subscriber naming it (competing consumers), instead of a private server-named one'
            cand --binding-key 'AMQP: bind the queue with this key (repeatable; topic patterns like ''kern.*''); extra positional arguments are keys too'
            cand --prefetch 'AMQP: at most N unacknowledged messages on their way to this subscriber (basic.qos; with --ack)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --pattern 'Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])'
            cand --reconnect 'Redis: after a lost connection, reconnect and subscribe again'
            cand --sharded 'Redis Cluster: SSUBSCRIBE at the node owning each channel''s slot (sharded pub/sub)'
            cand --bind 'ZeroMQ: bind the endpoint instead of connecting'
            cand --connect 'ZeroMQ: connect to the endpoint (the default for sub)'
            cand --trace 'rediss://: print the TLS handshake summary before the messages'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --ack 'AMQP: acknowledge each message after printing it (manual acks) instead of auto-ack'
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
            cand --max-buffered 'Input held across all clients (half-sent commands); at it, the largest wait and stalled ones are closed, quiet longest first'
            cand --idle-timeout 'Close a client whose half-sent command gets no byte for this long'
            cand --tls-cert 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --tls-client-ca 'Require client certificates issued by the CAs in FILE (PEM)'
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
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --list 'List the server''s methods (system.listMethods)'
            cand --notify 'Send a notification: no reply expected (JSON-RPC, MessagePack-RPC)'
            cand --trace 'Show each request and response as it goes on the wire'
            cand --stdin 'One call per stdin line (METHOD ARG..., or ARG... with METHOD given; or a JSON array), one connection'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
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
            cand --max-size 'Largest request body (or MessagePack/JSON message) accepted (1MiB, 64KB, bytes)'
            cand --max-buffered 'Input held across all clients (partial requests); at it, the largest wait and stalled ones are closed, quiet longest first'
            cand --idle-timeout 'Close a connection idle this long, or whose request is not whole by then'
            cand --tls-cert 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --tls-client-ca 'Require client certificates issued by the CAs in FILE (PEM)'
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
        &'netkit;zmq'= {
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand req 'REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate'
            cand rep 'REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)'
            cand push 'PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)'
            cand pull 'PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker'
            cand dealer 'DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)'
            cand router 'ROUTER: receive with the sender''s routing identity; --reply answers it, --to sends to one'
            cand pair 'PAIR: one peer; with messages it sends them, without it receives'
            cand proxy 'A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub'
            cand pub 'The same as `netkit pub` (ZeroMQ PUB)'
            cand sub 'The same as `netkit sub` (ZeroMQ SUB)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;zmq;req'= {
            cand --count 'Senders: send each message N times; receivers: stop after N messages'
            cand --interval 'Wait this long between messages sent (e.g. 100ms)'
            cand --separator 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')'
            cand --max-size 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)'
            cand --hwm 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)'
            cand --identity 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it'
            cand --retries 'After a reply timeout (--timeout, default 5s), close the socket, open a fresh one and resend, up to N times'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
            cand --connect 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
            cand --frames 'The MESSAGE arguments are the frames of one multipart message'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;rep'= {
            cand --count 'Senders: send each message N times; receivers: stop after N messages'
            cand --interval 'Wait this long between messages sent (e.g. 100ms)'
            cand --separator 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')'
            cand --max-size 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)'
            cand --hwm 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)'
            cand --identity 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it'
            cand --reply 'Answer with TEXT, {} replaced by the request (''Stop saying: {}'' is the chapter''s server); default: echo'
            cand --exec 'Answer with CMD''s stdout, the request on its stdin (split like a shell line, but no shell runs unless CMD names one)'
            cand --exec-timeout 'How long one --exec run may take before it is killed (the reply is then an error text)'
            cand --delay 'Wait this long before each reply (simulates work, as the chapter''s sleep)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
            cand --connect 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
            cand --frames 'The MESSAGE arguments are the frames of one multipart message'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;push'= {
            cand --count 'Senders: send each message N times; receivers: stop after N messages'
            cand --interval 'Wait this long between messages sent (e.g. 100ms)'
            cand --separator 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')'
            cand --max-size 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)'
            cand --hwm 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)'
            cand --identity 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it'
            cand --wait-peers 'Wait until N peers have connected before sending (so PUSH round-robins over all of them)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
            cand --connect 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
            cand --frames 'The MESSAGE arguments are the frames of one multipart message'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;pull'= {
            cand --count 'Senders: send each message N times; receivers: stop after N messages'
            cand --interval 'Wait this long between messages sent (e.g. 100ms)'
            cand --separator 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')'
            cand --max-size 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)'
            cand --hwm 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)'
            cand --identity 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it'
            cand --push 'A pipeline worker: forward each message to this PUSH endpoint (connects) after --delay'
            cand --tag 'With --push: put TEXT as a first frame on each forwarded message (the sink counts per tag)'
            cand --delay 'Wait this long per message before showing/forwarding it (simulated work)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
            cand --connect 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
            cand --frames 'The MESSAGE arguments are the frames of one multipart message'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;dealer'= {
            cand --count 'Senders: send each message N times; receivers: stop after N messages'
            cand --interval 'Wait this long between messages sent (e.g. 100ms)'
            cand --separator 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')'
            cand --max-size 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)'
            cand --hwm 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)'
            cand --identity 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
            cand --connect 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
            cand --frames 'The MESSAGE arguments are the frames of one multipart message'
            cand --envelope 'Add the empty delimiter frame a REP (or REQ) expects, and strip it from replies'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;router'= {
            cand --count 'Senders: send each message N times; receivers: stop after N messages'
            cand --interval 'Wait this long between messages sent (e.g. 100ms)'
            cand --separator 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')'
            cand --max-size 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)'
            cand --hwm 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)'
            cand --identity 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it'
            cand --reply 'Answer each message to its sender with TEXT ({} = the last frame received)'
            cand --to 'Send the MESSAGE arguments to the peer with this routing identity'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
            cand --connect 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
            cand --frames 'The MESSAGE arguments are the frames of one multipart message'
            cand --router-mandatory 'A message to an identity that is not connected is an error (exit 3), not dropped silently'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;pair'= {
            cand --count 'Senders: send each message N times; receivers: stop after N messages'
            cand --interval 'Wait this long between messages sent (e.g. 100ms)'
            cand --separator 'Split each message (argument or stdin line) into frames at SEP (e.g. ''|'')'
            cand --max-size 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)'
            cand --hwm 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)'
            cand --identity 'The socket''s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
            cand --connect 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
            cand --frames 'The MESSAGE arguments are the frames of one multipart message'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;proxy'= {
            cand --max-size 'Largest message forwarded (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE on both sides)'
            cand --hwm 'High-water mark per peer on both sides (ZMQ_SNDHWM/RCVHWM)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --connect 'Connect both sides instead of binding them'
            cand --pubsub 'An XSUB↔XPUB forwarder for pub/sub instead of the ROUTER↔DEALER queue'
            cand --capture 'Print every message forwarded as an event (direction and frames)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;pub'= {
            cand --count 'Send each message N times'
            cand --interval 'Wait this long between messages (e.g. 100ms)'
            cand --wait-subscribers 'ZeroMQ: before publishing, wait until N subscribers have subscribed (default 1)'
            cand --delay 'ZeroMQ: sleep this long before publishing instead of waiting for subscribers (the seed''s sleep(1))'
            cand --max-size 'Longest stdin line accepted as one message (64KB, 1MiB, bytes); a longer one is refused with exit 2'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --exchange-type 'AMQP: the exchange''s type, declared if missing (default fanout, as in the pika tutorial)'
            cand --routing-key 'AMQP: the routing key (direct and topic exchanges; the queue''s name for the default exchange '''')'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --bind 'ZeroMQ: bind the endpoint (the default for pub, like the seed''s publisher)'
            cand --connect 'ZeroMQ: connect to the endpoint instead of binding'
            cand --no-wait 'ZeroMQ: publish at once, even with nobody subscribed'
            cand --sharded 'Redis Cluster: SPUBLISH to the node owning each channel''s slot (sharded pub/sub)'
            cand --keyed 'Redis: each stdin line is `KEY MESSAGE`, published to channel CHANNEL+KEY'
            cand --trace 'rediss://: print the TLS handshake summary before the messages'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --mandatory 'AMQP: have the broker return messages that no queue takes, and report them as returned (exit 1)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;sub'= {
            cand --count 'Exit after N messages'
            cand --max-size 'ZeroMQ: largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a publisher sending more is disconnected and reported)'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --exchange-type 'AMQP: the exchange''s type, declared if missing (default fanout)'
            cand --queue 'AMQP: consume from this durable queue, shared by every subscriber naming it (competing consumers), instead of a private server-named one'
            cand --binding-key 'AMQP: bind the queue with this key (repeatable; topic patterns like ''kern.*''); extra positional arguments are keys too'
            cand --prefetch 'AMQP: at most N unacknowledged messages on their way to this subscriber (basic.qos; with --ack)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --pattern 'Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])'
            cand --reconnect 'Redis: after a lost connection, reconnect and subscribe again'
            cand --sharded 'Redis Cluster: SSUBSCRIBE at the node owning each channel''s slot (sharded pub/sub)'
            cand --bind 'ZeroMQ: bind the endpoint instead of connecting'
            cand --connect 'ZeroMQ: connect to the endpoint (the default for sub)'
            cand --trace 'rediss://: print the TLS handshake summary before the messages'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --ack 'AMQP: acknowledge each message after printing it (manual acks) instead of auto-ack'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;zmq;help'= {
            cand req 'REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate'
            cand rep 'REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)'
            cand push 'PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)'
            cand pull 'PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker'
            cand dealer 'DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)'
            cand router 'ROUTER: receive with the sender''s routing identity; --reply answers it, --to sends to one'
            cand pair 'PAIR: one peer; with messages it sends them, without it receives'
            cand proxy 'A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub'
            cand pub 'The same as `netkit pub` (ZeroMQ PUB)'
            cand sub 'The same as `netkit sub` (ZeroMQ SUB)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;zmq;help;req'= {
        }
        &'netkit;zmq;help;rep'= {
        }
        &'netkit;zmq;help;push'= {
        }
        &'netkit;zmq;help;pull'= {
        }
        &'netkit;zmq;help;dealer'= {
        }
        &'netkit;zmq;help;router'= {
        }
        &'netkit;zmq;help;pair'= {
        }
        &'netkit;zmq;help;proxy'= {
        }
        &'netkit;zmq;help;pub'= {
        }
        &'netkit;zmq;help;sub'= {
        }
        &'netkit;zmq;help;help'= {
        }
        &'netkit;tls'= {
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --warn-days 'Exit 1 when a certificate of the chain expires within N days'
            cand --starttls 'Upgrade a plaintext session first (SMTP''s STARTTLS)'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;http'= {
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'GET a URL: headers as `<` lines on stderr, the body on stdout'
            cand head 'HEAD: the status line and headers only'
            cand post 'POST a body (argument, @file, - for stdin, or --json-body)'
            cand put 'PUT a body (argument, @file, - for stdin, or --json-body)'
            cand delete 'DELETE a URL'
            cand serve 'Serve a directory''s files over HTTP/1.1 (like python3 -m http.server)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;http;get'= {
            cand -H 'A request header ''Name: value'' (repeatable)'
            cand --header 'A request header ''Name: value'' (repeatable)'
            cand --json-body 'A JSON body (checked), sent with Content-Type and Accept application/json'
            cand --max-redirects 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself'
            cand --repeat 'Send the request N times over one keep-alive connection (p50/p99 per phase)'
            cand --max-body 'Largest response body accepted'
            cand -o 'Write the body to FILE instead of stdout'
            cand --output 'Write the body to FILE instead of stdout'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --timing 'Show the timing phases (always in --json)'
            cand --trace 'Show the bytes of each request and response as they went on the wire'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;http;head'= {
            cand -H 'A request header ''Name: value'' (repeatable)'
            cand --header 'A request header ''Name: value'' (repeatable)'
            cand --json-body 'A JSON body (checked), sent with Content-Type and Accept application/json'
            cand --max-redirects 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself'
            cand --repeat 'Send the request N times over one keep-alive connection (p50/p99 per phase)'
            cand --max-body 'Largest response body accepted'
            cand -o 'Write the body to FILE instead of stdout'
            cand --output 'Write the body to FILE instead of stdout'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --timing 'Show the timing phases (always in --json)'
            cand --trace 'Show the bytes of each request and response as they went on the wire'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;http;post'= {
            cand -H 'A request header ''Name: value'' (repeatable)'
            cand --header 'A request header ''Name: value'' (repeatable)'
            cand --json-body 'A JSON body (checked), sent with Content-Type and Accept application/json'
            cand --max-redirects 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself'
            cand --repeat 'Send the request N times over one keep-alive connection (p50/p99 per phase)'
            cand --max-body 'Largest response body accepted'
            cand -o 'Write the body to FILE instead of stdout'
            cand --output 'Write the body to FILE instead of stdout'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --timing 'Show the timing phases (always in --json)'
            cand --trace 'Show the bytes of each request and response as they went on the wire'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;http;put'= {
            cand -H 'A request header ''Name: value'' (repeatable)'
            cand --header 'A request header ''Name: value'' (repeatable)'
            cand --json-body 'A JSON body (checked), sent with Content-Type and Accept application/json'
            cand --max-redirects 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself'
            cand --repeat 'Send the request N times over one keep-alive connection (p50/p99 per phase)'
            cand --max-body 'Largest response body accepted'
            cand -o 'Write the body to FILE instead of stdout'
            cand --output 'Write the body to FILE instead of stdout'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --timing 'Show the timing phases (always in --json)'
            cand --trace 'Show the bytes of each request and response as they went on the wire'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;http;delete'= {
            cand -H 'A request header ''Name: value'' (repeatable)'
            cand --header 'A request header ''Name: value'' (repeatable)'
            cand --json-body 'A JSON body (checked), sent with Content-Type and Accept application/json'
            cand --max-redirects 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself'
            cand --repeat 'Send the request N times over one keep-alive connection (p50/p99 per phase)'
            cand --max-body 'Largest response body accepted'
            cand -o 'Write the body to FILE instead of stdout'
            cand --output 'Write the body to FILE instead of stdout'
            cand --cacert 'Trust only the CA certificates in FILE (PEM) instead of the system roots'
            cand --servername 'Name sent as SNI and checked against the certificate (default: the host given)'
            cand --cert 'Client certificate chain (PEM) for servers that require one; needs --key'
            cand --key 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert'
            cand --alpn 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1'
            cand --color 'When to colour human output (NO_COLOR is honoured in auto)'
            cand --timeout 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default'
            cand --timing 'Show the timing phases (always in --json)'
            cand --trace 'Show the bytes of each request and response as they went on the wire'
            cand --insecure 'Do not verify the server''s certificate (a warning says so on stderr)'
            cand --json 'Print JSON Lines: one object per event, each with a "type" (errors too)'
            cand -q 'Print only summaries and errors, not one line per message'
            cand --quiet 'Print only summaries and errors, not one line per message'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'netkit;http;serve'= {
            cand -l 'Address to listen on (a wildcard address warns)'
            cand --listen 'Address to listen on (a wildcard address warns)'
            cand --count 'Stop after answering N requests'
            cand --max-clients 'Most clients at once; more are answered 503 and closed'
            cand --idle-timeout 'Close a connection idle (or a request unfinished) for this long'
            cand --max-request 'Largest request (head plus body) accepted; more is answered 431/413 and closed'
            cand --max-buffered 'Partial input held across all connections; at it, the largest wait and stalled ones are closed, quiet longest first'
            cand --tls-cert 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key'
            cand --tls-key 'Private key (PEM) of --tls-cert'
            cand --tls-client-ca 'Require client certificates issued by the CAs in FILE (PEM)'
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
        &'netkit;http;help'= {
            cand get 'GET a URL: headers as `<` lines on stderr, the body on stdout'
            cand head 'HEAD: the status line and headers only'
            cand post 'POST a body (argument, @file, - for stdin, or --json-body)'
            cand put 'PUT a body (argument, @file, - for stdin, or --json-body)'
            cand delete 'DELETE a URL'
            cand serve 'Serve a directory''s files over HTTP/1.1 (like python3 -m http.server)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'netkit;http;help;get'= {
        }
        &'netkit;http;help;head'= {
        }
        &'netkit;http;help;post'= {
        }
        &'netkit;http;help;put'= {
        }
        &'netkit;http;help;delete'= {
        }
        &'netkit;http;help;serve'= {
        }
        &'netkit;http;help;help'= {
        }
        &'netkit;help'= {
            cand udp-echo 'UDP echo server and client (RFC 862; chapter §5)'
            cand tcp-echo 'TCP echo server and client with framing and a load mode (chapter §5)'
            cand dns 'DNS queries, the system''s getaddrinfo, and reverse lookups (chapter §8)'
            cand serv-by-name 'Look up services by name in the services database (getservbyname; chapter §8)'
            cand serv-by-port 'Look up services by port in the services database (getservbyport; chapter §8)'
            cand pub 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)'
            cand sub 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)'
            cand broker 'Run an embedded Redis-protocol pub/sub server for labs without Redis (chapter §2)'
            cand rpc-call 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (chapter §10)'
            cand rpc-serve 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (chapter §10)'
            cand lab 'Run the material''s scenarios end to end on loopback, both sides narrated'
            cand zmq 'ZeroMQ REQ/REP, PUSH/PULL, DEALER/ROUTER, PAIR and proxy (chapter §6, docs/material.md)'
            cand tls 'A server''s TLS handshake and certificate chain, verified (like openssl s_client, for scripts)'
            cand http 'HTTP/1.1 client with timing phases, and a static file server (chapter §9, docs/material.md)'
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
            cand diff 'The system resolver beside each DNS server, with the differences named'
        }
        &'netkit;help;dns;lookup'= {
        }
        &'netkit;help;dns;getaddrinfo'= {
        }
        &'netkit;help;dns;reverse'= {
        }
        &'netkit;help;dns;diff'= {
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
        &'netkit;help;zmq'= {
            cand req 'REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate'
            cand rep 'REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)'
            cand push 'PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)'
            cand pull 'PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker'
            cand dealer 'DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)'
            cand router 'ROUTER: receive with the sender''s routing identity; --reply answers it, --to sends to one'
            cand pair 'PAIR: one peer; with messages it sends them, without it receives'
            cand proxy 'A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub'
            cand pub 'The same as `netkit pub` (ZeroMQ PUB)'
            cand sub 'The same as `netkit sub` (ZeroMQ SUB)'
        }
        &'netkit;help;zmq;req'= {
        }
        &'netkit;help;zmq;rep'= {
        }
        &'netkit;help;zmq;push'= {
        }
        &'netkit;help;zmq;pull'= {
        }
        &'netkit;help;zmq;dealer'= {
        }
        &'netkit;help;zmq;router'= {
        }
        &'netkit;help;zmq;pair'= {
        }
        &'netkit;help;zmq;proxy'= {
        }
        &'netkit;help;zmq;pub'= {
        }
        &'netkit;help;zmq;sub'= {
        }
        &'netkit;help;tls'= {
        }
        &'netkit;help;http'= {
            cand get 'GET a URL: headers as `<` lines on stderr, the body on stdout'
            cand head 'HEAD: the status line and headers only'
            cand post 'POST a body (argument, @file, - for stdin, or --json-body)'
            cand put 'PUT a body (argument, @file, - for stdin, or --json-body)'
            cand delete 'DELETE a URL'
            cand serve 'Serve a directory''s files over HTTP/1.1 (like python3 -m http.server)'
        }
        &'netkit;help;http;get'= {
        }
        &'netkit;help;http;head'= {
        }
        &'netkit;help;http;post'= {
        }
        &'netkit;help;http;put'= {
        }
        &'netkit;help;http;delete'= {
        }
        &'netkit;help;http;serve'= {
        }
        &'netkit;help;help'= {
        }
    ]
    $completions[$command]
}

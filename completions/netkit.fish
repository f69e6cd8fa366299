# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_netkit_global_optspecs
    string join \n json color= timeout= q/quiet h/help V/version
end

function __fish_netkit_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_netkit_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_netkit_using_subcommand
    set -l cmd (__fish_netkit_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c netkit -n "__fish_netkit_needs_command" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_needs_command" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_needs_command" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_needs_command" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_needs_command" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_needs_command" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "udp-echo" -d 'UDP echo server and client (RFC 862; chapter §5)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "tcp-echo" -d 'TCP echo server and client with framing and a load mode (chapter §5)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "dns" -d 'DNS queries, the system\'s getaddrinfo, and reverse lookups (chapter §8)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "serv-by-name" -d 'Look up services by name in the services database (getservbyname; chapter §8)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "serv-by-port" -d 'Look up services by port in the services database (getservbyport; chapter §8)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "pub" -d 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "sub" -d 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "broker" -d 'Run an embedded Redis-protocol pub/sub server for labs without Redis (chapter §2)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "rpc-call" -d 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (chapter §10)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "rpc-serve" -d 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (chapter §10)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "lab" -d 'Run the material\'s scenarios end to end on loopback, both sides narrated'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "zmq" -d 'ZeroMQ REQ/REP, PUSH/PULL, DEALER/ROUTER, PAIR and proxy (chapter §6, docs/material.md)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "tls" -d 'A server\'s TLS handshake and certificate chain, verified (like openssl s_client, for scripts)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "http" -d 'HTTP/1.1 client with timing phases, and a static file server (chapter §9, docs/material.md)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and not __fish_seen_subcommand_from serve send help" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and not __fish_seen_subcommand_from serve send help" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and not __fish_seen_subcommand_from serve send help" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and not __fish_seen_subcommand_from serve send help" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and not __fish_seen_subcommand_from serve send help" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and not __fish_seen_subcommand_from serve send help" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and not __fish_seen_subcommand_from serve send help" -f -a "serve" -d 'Echo datagrams back (or answer with --reply), one line per datagram'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and not __fish_seen_subcommand_from serve send help" -f -a "send" -d 'Send datagrams and match replies: RTT, loss, duplicates; or a load run'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and not __fish_seen_subcommand_from serve send help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -s l -l listen -d 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -l reply -d 'Answer every datagram with this text instead of echoing it (the seed\'s server)' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -l count -d 'Stop after N datagrams' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -l drop -d 'Drop this percentage of replies (a lossy network, reproducible with --seed)' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -l delay -d 'Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms, 50ms+-20ms' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -l duplicate -d 'Send this percentage of replies twice' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -l seed -d 'Seed for --drop/--delay/--duplicate, so a run can be repeated exactly' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -s c -l count -d 'Number of probes to send' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -s i -l interval -d 'Time between probes (like ping\'s -i); with MESSAGE `-` stdin lines go out as they come, and --count does not apply' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -s s -l size -d 'Pad (or cut) every payload to exactly N bytes' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -l seq -d 'Sequence numbers in probes (`#N ` prefix), so late, duplicate and reordered replies are told apart' -r -f -a "auto\t'Only when more than one datagram is sent (a single probe is sent exactly as given)'
on\t'Always prefix `#N ` to the payload'
off\t'Never: replies are matched in order of arrival'"
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -l concurrency -d 'Load mode: this many sockets sending in parallel (each waits for its reply)' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -l duration -d 'Load mode: how long to run (default 5s when --concurrency is given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from send" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Echo datagrams back (or answer with --reply), one line per datagram'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send datagrams and match replies: RTT, loss, duplicates; or a load run'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and not __fish_seen_subcommand_from serve send help" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and not __fish_seen_subcommand_from serve send help" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and not __fish_seen_subcommand_from serve send help" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and not __fish_seen_subcommand_from serve send help" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and not __fish_seen_subcommand_from serve send help" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and not __fish_seen_subcommand_from serve send help" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and not __fish_seen_subcommand_from serve send help" -f -a "serve" -d 'Serve many clients at once, echoing (or answering with --reply) per message'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and not __fish_seen_subcommand_from serve send help" -f -a "send" -d 'Connect, send, receive: connect time and RTT; or a load run with --concurrency'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and not __fish_seen_subcommand_from serve send help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -s l -l listen -d 'Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l reply -d 'Answer every message with this text instead of echoing it (the seed\'s server)' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l count -d 'Stop after N messages (over all clients)' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l framing -d 'How messages are delimited: raw (every read), line (newline), length (4-byte big-endian prefix)' -r -f -a "raw\t'Bytes as they arrive; every read is one message'
line\t'One message per line (newline sentinel)'
length\t'4-byte big-endian length prefix, then the payload'"
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l max-clients -d 'Most clients served at once; more are accepted and closed at once, with a log line' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l idle-timeout -d 'Close a client that sends nothing for this long' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l max-size -d 'Largest message (64KB, 1MiB, bytes); a bigger frame or line closes that client (raw: the read size)' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l max-buffered -d 'Input held across all clients (partial messages); at it, the largest wait and stalled ones are closed, quiet longest first' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l backlog -d 'Length of the kernel\'s queue of connections not yet accepted (listen(2))' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l delay -d 'Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l seed -d 'Seed for --delay\'s jitter' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l tls-cert -d 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l tls-client-ca -d 'Require client certificates issued by the CAs in FILE (PEM)' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l tls -d 'Serve TLS (the TLS echo server, like socat OPENSSL-LISTEN … PIPE); needs --tls-cert/--tls-key'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -s c -l count -d 'Number of messages to send' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -s i -l interval -d 'Time between messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -s s -l size -d 'Pad (or cut) every payload to exactly N bytes' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l framing -d 'Framing, matching the server\'s: raw, line, length' -r -f -a "raw\t'Bytes as they arrive; every read is one message'
line\t'One message per line (newline sentinel)'
length\t'4-byte big-endian length prefix, then the payload'"
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l concurrency -d 'Load mode: this many connections in parallel, each sending as fast as replies come' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l duration -d 'Load mode: how long to run (default 5s when --concurrency is given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l max-size -d 'Longest stdin line (with `-`) and reply accepted: 64KB, 1MiB, bytes' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l tls -d 'Speak TLS to the server (like `socat - OPENSSL:HOST:PORT`); verified unless --insecure'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l trace -d '--tls: print the TLS handshake summary before the messages'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve many clients at once, echoing (or answering with --reply) per message'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from help" -f -a "send" -d 'Connect, send, receive: connect time and RTT; or a load run with --concurrency'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -f -a "lookup" -d 'Query a DNS server for any record type (the DNS view, like dig)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -f -a "getaddrinfo" -d 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python\'s view)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -f -a "reverse" -d 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -f -a "diff" -d 'The system resolver beside each DNS server, with the differences named'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse diff help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -s s -l server -d 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l retries -d 'Tries after the first when a try times out or fails (0-100)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l concurrency -d 'Queries in flight at once (default 64 over UDP, all on one socket; 8 over TCP, a connection each)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l bufsize -d 'EDNS UDP buffer size to advertise (512-65535, default 1232)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l subnet -d 'EDNS client subnet to send, ADDR/PREFIX (RFC 7871), e.g. 192.0.2.0/24' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l class -d 'Query class: IN (default), CH, HS, ANY or CLASS<n> (e.g. version.bind TXT --class CH)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l id -d 'Message ID to use (random by default), for reproducible captures' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l root-hints -d 'Root hints for --trace (named.root format; default: the IANA list built in)' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l port -d 'Port of every server --trace asks, root hints included (default 53), like dig -p' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l max-size -d 'Longest stdin line accepted with NAME `-`, in bytes' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l https -d 'Ask over HTTPS (DoH, RFC 8484) at URL, e.g. https://dns.example/dns-query (HTTP/2 or HTTP/1.1 as ALPN decides; http:// speaks plaintext HTTP/1.1, for labs)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l tcp -d 'Ask over TCP instead of UDP'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l short -d 'Print record data only, one per line (like dig +short)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l hostent -d 'Print gethostbyname_ex\'s view: (canonical name, aliases, addresses); types A/AAAA (default A)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l resolve -d 'The resolver\'s view instead of the server\'s message: hickory-resolver with CNAME chasing (and --search, --cache), answer records only, like doggo'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l cache -d 'With --resolve: keep answers for the rest of this run'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l search -d 'With --resolve: apply resolv.conf\'s search domains and ndots (not with --server)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l norecurse -d 'Do not ask the server to recurse (RD off), like dig +norecurse'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l dnssec -d 'Set the DO bit: ask for DNSSEC records (RRSIG, NSEC...); nothing is validated'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l cd -d 'Set CD (checking disabled): a validating resolver returns unvalidated data'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l ad -d 'Set AD in the query: ask whether the data was validated (RFC 6840 §5.7)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l no-edns -d 'Send no OPT record (plain RFC 1035 query, 512-byte UDP answers)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l nsid -d 'Ask the server for its name server identifier (RFC 5001)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l cookie -d 'Send a random client cookie (RFC 7873); the server\'s is shown, and a BADCOOKIE answer is asked again once with it (as dig does)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l no-tcp-fallback -d 'A truncated (TC) UDP answer is final: do not ask again over TCP'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l trace -d 'Resolve iteratively from the root hints, one block per delegation step (like dig +trace)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l tls -d 'Ask over TLS (DoT, RFC 7858): port 853 unless --server names one; --server may then be a host name, which the certificate must carry (or --servername)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l https-get -d 'With --https: GET /path?dns=BASE64URL instead of POST'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -l family -d 'Address family hint' -r -f -a "inet\t''
inet6\t''
unspec\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -l type -d 'Socket type hint' -r -f -a "stream\t''
dgram\t''
raw\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -l protocol -d 'Protocol hint' -r -f -a "tcp\t''
udp\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -l flags -d 'AI_* flags, comma-separated' -r -f -a "canonname\t''
numerichost\t''
numericserv\t''
passive\t''
addrconfig\t''
v4mapped\t''
all\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -l unique -d 'One line per address (family, address, port) with its socket types'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from getaddrinfo" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -s s -l server -d 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -l retries -d 'Tries after the first when a try times out or fails (0-100)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -l system -d 'Ask the system (getnameinfo) instead of the DNS'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -l short -d 'Print names only'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -l tcp -d 'Ask over TCP instead of UDP'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from reverse" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -s s -l server -d 'Another DNS server to compare, IP[:PORT] (repeatable)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -l resolv-conf -d 'The resolv.conf to take servers and search domains from (`nameserver IP[:PORT]`)' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -l hosts -d 'The hosts file to name as the source of an address only the system gives' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -l retries -d 'Tries after the first for each server query' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -l no-resolv-servers -d 'Skip the resolv.conf servers: compare with --server only'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "lookup" -d 'Query a DNS server for any record type (the DNS view, like dig)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "getaddrinfo" -d 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python\'s view)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "reverse" -d 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "diff" -d 'The system resolver beside each DNS server, with the differences named'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -l proto -d 'Protocol to match (tcp, udp, sctp, ddp...); default: every protocol' -r
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -l file -d 'Read this services file instead of /etc/services (an error if it cannot be read)' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -l embedded -d 'Use the embedded copy of the registry, not the system file'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -l list -d 'List every entry (of --proto, if given) instead of looking up'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-name" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -l proto -d 'Protocol to match (tcp, udp, sctp, ddp...); default: every protocol' -r
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -l file -d 'Read this services file instead of /etc/services (an error if it cannot be read)' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -l embedded -d 'Use the embedded copy of the registry, not the system file'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -l list -d 'List every entry (of --proto, if given) instead of looking up'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand serv-by-port" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l count -d 'Send each message N times' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l interval -d 'Wait this long between messages (e.g. 100ms)' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l wait-subscribers -d 'ZeroMQ: before publishing, wait until N subscribers have subscribed (default 1)' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l delay -d 'ZeroMQ: sleep this long before publishing instead of waiting for subscribers (the seed\'s sleep(1))' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l max-size -d 'Longest stdin line accepted as one message (64KB, 1MiB, bytes); a longer one is refused with exit 2' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l exchange-type -d 'AMQP: the exchange\'s type, declared if missing (default fanout, as in the pika tutorial)' -r -f -a "fanout\t''
direct\t''
topic\t''
headers\t''"
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l routing-key -d 'AMQP: the routing key (direct and topic exchanges; the queue\'s name for the default exchange \'\')' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l bind -d 'ZeroMQ: bind the endpoint (the default for pub, like the seed\'s publisher)'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l connect -d 'ZeroMQ: connect to the endpoint instead of binding'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l no-wait -d 'ZeroMQ: publish at once, even with nobody subscribed'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l sharded -d 'Redis Cluster: SPUBLISH to the node owning each channel\'s slot (sharded pub/sub)'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l keyed -d 'Redis: each stdin line is `KEY MESSAGE`, published to channel CHANNEL+KEY'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l trace -d 'rediss://: print the TLS handshake summary before the messages'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l mandatory -d 'AMQP: have the broker return messages that no queue takes, and report them as returned (exit 1)'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l count -d 'Exit after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l max-size -d 'ZeroMQ: largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a publisher sending more is disconnected and reported)' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l exchange-type -d 'AMQP: the exchange\'s type, declared if missing (default fanout)' -r -f -a "fanout\t''
direct\t''
topic\t''
headers\t''"
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l queue -d 'AMQP: consume from this durable queue, shared by every subscriber naming it (competing consumers), instead of a private server-named one' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l binding-key -d 'AMQP: bind the queue with this key (repeatable; topic patterns like \'kern.*\'); extra positional arguments are keys too' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l prefetch -d 'AMQP: at most N unacknowledged messages on their way to this subscriber (basic.qos; with --ack)' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l pattern -d 'Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l reconnect -d 'Redis: after a lost connection, reconnect and subscribe again'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l sharded -d 'Redis Cluster: SSUBSCRIBE at the node owning each channel\'s slot (sharded pub/sub)'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l bind -d 'ZeroMQ: bind the endpoint instead of connecting'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l connect -d 'ZeroMQ: connect to the endpoint (the default for sub)'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l trace -d 'rediss://: print the TLS handshake summary before the messages'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l ack -d 'AMQP: acknowledge each message after printing it (manual acks) instead of auto-ack'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l listen -d 'Address to listen on (HOST:PORT, [V6]:PORT, :PORT; port 0 = any free port)' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l max-clients -d 'Most clients connected at once; more are refused with -ERR max number of clients reached' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l output-limit -d 'Disconnect a subscriber whose unsent output passes this size (e.g. 32MB, 512KB)' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l max-size -d 'Largest bulk string (channel or message) a client may send (e.g. 64MB)' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l max-buffered -d 'Input held across all clients (half-sent commands); at it, the largest wait and stalled ones are closed, quiet longest first' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l idle-timeout -d 'Close a client whose half-sent command gets no byte for this long' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l tls-cert -d 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l tls-client-ca -d 'Require client certificates issued by the CAs in FILE (PEM)' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand broker" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand broker" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand broker" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l proto -d 'RPC family (default: from the URL scheme)' -r -f -a "xmlrpc\t'XML-RPC over HTTP POST (the seed\'s SimpleXMLRPCServer)'
jsonrpc\t'JSON-RPC 2.0 over HTTP POST, or newline-delimited over tcp://'
msgpack\t'MessagePack-RPC over TCP (nvim, the seed\'s msgpackrpc)'"
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l params -d 'The whole parameter list as one JSON array (an object: JSON-RPC named params); - reads stdin' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l method-help -d 'Show a method\'s documentation (system.methodHelp)' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l signature -d 'Show a method\'s signatures (system.methodSignature)' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l repeat -d 'Make the same call N times over one kept-alive connection and report calls/s' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l concurrency -d 'With --repeat N: keep C calls in flight on C connections (N calls in all), from one thread' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l max-size -d 'Largest response accepted, in bytes' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l list -d 'List the server\'s methods (system.listMethods)'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l notify -d 'Send a notification: no reply expected (JSON-RPC, MessagePack-RPC)'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l trace -d 'Show each request and response as it goes on the wire'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l stdin -d 'One call per stdin line (METHOD ARG..., or ARG... with METHOD given; or a JSON array), one connection'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l proto -d 'RPC family to serve' -r -f -a "xmlrpc\t'XML-RPC over HTTP POST (the seed\'s SimpleXMLRPCServer)'
jsonrpc\t'JSON-RPC 2.0 over HTTP POST, or newline-delimited over tcp://'
msgpack\t'MessagePack-RPC over TCP (nvim, the seed\'s msgpackrpc)'"
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l listen -d 'Address to listen on (HOST:PORT, [V6]:PORT, :PORT)' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l count -d 'Stop after N calls' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l max-clients -d 'Most clients served at once; more are turned away' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l max-size -d 'Largest request body (or MessagePack/JSON message) accepted (1MiB, 64KB, bytes)' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l max-buffered -d 'Input held across all clients (partial requests); at it, the largest wait and stalled ones are closed, quiet longest first' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l idle-timeout -d 'Close a connection idle this long, or whose request is not whole by then' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l tls-cert -d 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l tls-client-ca -d 'Require client certificates issued by the CAs in FILE (PEM)' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand lab" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand lab" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand lab" -l all -d 'Run every lab and end with a pass/fail line per lab'
complete -c netkit -n "__fish_netkit_using_subcommand lab" -l explain -d 'Add a short plain-language note to each step'
complete -c netkit -n "__fish_netkit_using_subcommand lab" -l verbose -d 'Print everything the commands print: connection logs, every repeated warning, each repeated command line (by default a lab shows its commands, the lines that carry the lesson and the checks; --json always has it all)'
complete -c netkit -n "__fish_netkit_using_subcommand lab" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand lab" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand lab" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand lab" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "req" -d 'REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "rep" -d 'REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "push" -d 'PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "pull" -d 'PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "dealer" -d 'DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "router" -d 'ROUTER: receive with the sender\'s routing identity; --reply answers it, --to sends to one'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "pair" -d 'PAIR: one peer; with messages it sends them, without it receives'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "proxy" -d 'A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "pub" -d 'The same as `netkit pub` (ZeroMQ PUB)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "sub" -d 'The same as `netkit sub` (ZeroMQ SUB)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and not __fish_seen_subcommand_from req rep push pull dealer router pair proxy pub sub help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l count -d 'Senders: send each message N times; receivers: stop after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l interval -d 'Wait this long between messages sent (e.g. 100ms)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l separator -d 'Split each message (argument or stdin line) into frames at SEP (e.g. \'|\')' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l max-size -d 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l hwm -d 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l identity -d 'The socket\'s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l retries -d 'After a reply timeout (--timeout, default 5s), close the socket, open a fresh one and resend, up to N times' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l bind -d 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l connect -d 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l frames -d 'The MESSAGE arguments are the frames of one multipart message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from req" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l count -d 'Senders: send each message N times; receivers: stop after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l interval -d 'Wait this long between messages sent (e.g. 100ms)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l separator -d 'Split each message (argument or stdin line) into frames at SEP (e.g. \'|\')' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l max-size -d 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l hwm -d 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l identity -d 'The socket\'s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l reply -d 'Answer with TEXT, {} replaced by the request (\'Stop saying: {}\' is the chapter\'s server); default: echo' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l exec -d 'Answer with CMD\'s stdout, the request on its stdin (split like a shell line, but no shell runs unless CMD names one)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l exec-timeout -d 'How long one --exec run may take before it is killed (the reply is then an error text)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l delay -d 'Wait this long before each reply (simulates work, as the chapter\'s sleep)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l bind -d 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l connect -d 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l frames -d 'The MESSAGE arguments are the frames of one multipart message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from rep" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l count -d 'Senders: send each message N times; receivers: stop after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l interval -d 'Wait this long between messages sent (e.g. 100ms)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l separator -d 'Split each message (argument or stdin line) into frames at SEP (e.g. \'|\')' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l max-size -d 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l hwm -d 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l identity -d 'The socket\'s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l wait-peers -d 'Wait until N peers have connected before sending (so PUSH round-robins over all of them)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l bind -d 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l connect -d 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l frames -d 'The MESSAGE arguments are the frames of one multipart message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l count -d 'Senders: send each message N times; receivers: stop after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l interval -d 'Wait this long between messages sent (e.g. 100ms)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l separator -d 'Split each message (argument or stdin line) into frames at SEP (e.g. \'|\')' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l max-size -d 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l hwm -d 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l identity -d 'The socket\'s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l push -d 'A pipeline worker: forward each message to this PUSH endpoint (connects) after --delay' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l tag -d 'With --push: put TEXT as a first frame on each forwarded message (the sink counts per tag)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l delay -d 'Wait this long per message before showing/forwarding it (simulated work)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l bind -d 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l connect -d 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l frames -d 'The MESSAGE arguments are the frames of one multipart message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l count -d 'Senders: send each message N times; receivers: stop after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l interval -d 'Wait this long between messages sent (e.g. 100ms)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l separator -d 'Split each message (argument or stdin line) into frames at SEP (e.g. \'|\')' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l max-size -d 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l hwm -d 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l identity -d 'The socket\'s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l bind -d 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l connect -d 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l frames -d 'The MESSAGE arguments are the frames of one multipart message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l envelope -d 'Add the empty delimiter frame a REP (or REQ) expects, and strip it from replies'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from dealer" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l count -d 'Senders: send each message N times; receivers: stop after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l interval -d 'Wait this long between messages sent (e.g. 100ms)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l separator -d 'Split each message (argument or stdin line) into frames at SEP (e.g. \'|\')' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l max-size -d 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l hwm -d 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l identity -d 'The socket\'s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l reply -d 'Answer each message to its sender with TEXT ({} = the last frame received)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l to -d 'Send the MESSAGE arguments to the peer with this routing identity' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l bind -d 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l connect -d 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l frames -d 'The MESSAGE arguments are the frames of one multipart message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l router-mandatory -d 'A message to an identity that is not connected is an error (exit 3), not dropped silently'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from router" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l count -d 'Senders: send each message N times; receivers: stop after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l interval -d 'Wait this long between messages sent (e.g. 100ms)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l separator -d 'Split each message (argument or stdin line) into frames at SEP (e.g. \'|\')' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l max-size -d 'Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l hwm -d 'High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l identity -d 'The socket\'s routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l bind -d 'Bind the endpoints (the default for rep, pull, router, and a receiving pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l connect -d 'Connect to the endpoints (the default for req, push, dealer, and a sending pair)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l frames -d 'The MESSAGE arguments are the frames of one multipart message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pair" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -l max-size -d 'Largest message forwarded (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE on both sides)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -l hwm -d 'High-water mark per peer on both sides (ZMQ_SNDHWM/RCVHWM)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -l connect -d 'Connect both sides instead of binding them'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -l pubsub -d 'An XSUB↔XPUB forwarder for pub/sub instead of the ROUTER↔DEALER queue'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -l capture -d 'Print every message forwarded as an event (direction and frames)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from proxy" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l count -d 'Send each message N times' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l interval -d 'Wait this long between messages (e.g. 100ms)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l wait-subscribers -d 'ZeroMQ: before publishing, wait until N subscribers have subscribed (default 1)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l delay -d 'ZeroMQ: sleep this long before publishing instead of waiting for subscribers (the seed\'s sleep(1))' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l max-size -d 'Longest stdin line accepted as one message (64KB, 1MiB, bytes); a longer one is refused with exit 2' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l exchange-type -d 'AMQP: the exchange\'s type, declared if missing (default fanout, as in the pika tutorial)' -r -f -a "fanout\t''
direct\t''
topic\t''
headers\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l routing-key -d 'AMQP: the routing key (direct and topic exchanges; the queue\'s name for the default exchange \'\')' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l bind -d 'ZeroMQ: bind the endpoint (the default for pub, like the seed\'s publisher)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l connect -d 'ZeroMQ: connect to the endpoint instead of binding'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l no-wait -d 'ZeroMQ: publish at once, even with nobody subscribed'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l sharded -d 'Redis Cluster: SPUBLISH to the node owning each channel\'s slot (sharded pub/sub)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l keyed -d 'Redis: each stdin line is `KEY MESSAGE`, published to channel CHANNEL+KEY'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l trace -d 'rediss://: print the TLS handshake summary before the messages'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l mandatory -d 'AMQP: have the broker return messages that no queue takes, and report them as returned (exit 1)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from pub" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l count -d 'Exit after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l max-size -d 'ZeroMQ: largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a publisher sending more is disconnected and reported)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l exchange-type -d 'AMQP: the exchange\'s type, declared if missing (default fanout)' -r -f -a "fanout\t''
direct\t''
topic\t''
headers\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l queue -d 'AMQP: consume from this durable queue, shared by every subscriber naming it (competing consumers), instead of a private server-named one' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l binding-key -d 'AMQP: bind the queue with this key (repeatable; topic patterns like \'kern.*\'); extra positional arguments are keys too' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l prefetch -d 'AMQP: at most N unacknowledged messages on their way to this subscriber (basic.qos; with --ack)' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l pattern -d 'Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l reconnect -d 'Redis: after a lost connection, reconnect and subscribe again'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l sharded -d 'Redis Cluster: SSUBSCRIBE at the node owning each channel\'s slot (sharded pub/sub)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l bind -d 'ZeroMQ: bind the endpoint instead of connecting'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l connect -d 'ZeroMQ: connect to the endpoint (the default for sub)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l trace -d 'rediss://: print the TLS handshake summary before the messages'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l ack -d 'AMQP: acknowledge each message after printing it (manual acks) instead of auto-ack'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from sub" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "req" -d 'REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "rep" -d 'REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "push" -d 'PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "pull" -d 'PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "dealer" -d 'DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "router" -d 'ROUTER: receive with the sender\'s routing identity; --reply answers it, --to sends to one'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "pair" -d 'PAIR: one peer; with messages it sends them, without it receives'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "proxy" -d 'A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "pub" -d 'The same as `netkit pub` (ZeroMQ PUB)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "sub" -d 'The same as `netkit sub` (ZeroMQ SUB)'
complete -c netkit -n "__fish_netkit_using_subcommand zmq; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l warn-days -d 'Exit 1 when a certificate of the chain expires within N days' -r
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l starttls -d 'Upgrade a plaintext session first (SMTP\'s STARTTLS)' -r -f -a "smtp\t'SMTP (RFC 3207), port 25 by default'"
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand tls" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand tls" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand tls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netkit -n "__fish_netkit_using_subcommand tls" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -f -a "get" -d 'GET a URL: headers as `<` lines on stderr, the body on stdout'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -f -a "head" -d 'HEAD: the status line and headers only'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -f -a "post" -d 'POST a body (argument, @file, - for stdin, or --json-body)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -f -a "put" -d 'PUT a body (argument, @file, - for stdin, or --json-body)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -f -a "delete" -d 'DELETE a URL'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -f -a "serve" -d 'Serve a directory\'s files over HTTP/1.1 (like python3 -m http.server)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and not __fish_seen_subcommand_from get head post put delete serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -s H -l header -d 'A request header \'Name: value\' (repeatable)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l json-body -d 'A JSON body (checked), sent with Content-Type and Accept application/json' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l max-redirects -d 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l repeat -d 'Send the request N times over one keep-alive connection (p50/p99 per phase)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l max-body -d 'Largest response body accepted' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -s o -l output -d 'Write the body to FILE instead of stdout' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l timing -d 'Show the timing phases (always in --json)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l trace -d 'Show the bytes of each request and response as they went on the wire'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -s H -l header -d 'A request header \'Name: value\' (repeatable)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l json-body -d 'A JSON body (checked), sent with Content-Type and Accept application/json' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l max-redirects -d 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l repeat -d 'Send the request N times over one keep-alive connection (p50/p99 per phase)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l max-body -d 'Largest response body accepted' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -s o -l output -d 'Write the body to FILE instead of stdout' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l timing -d 'Show the timing phases (always in --json)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l trace -d 'Show the bytes of each request and response as they went on the wire'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from head" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -s H -l header -d 'A request header \'Name: value\' (repeatable)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l json-body -d 'A JSON body (checked), sent with Content-Type and Accept application/json' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l max-redirects -d 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l repeat -d 'Send the request N times over one keep-alive connection (p50/p99 per phase)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l max-body -d 'Largest response body accepted' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -s o -l output -d 'Write the body to FILE instead of stdout' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l timing -d 'Show the timing phases (always in --json)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l trace -d 'Show the bytes of each request and response as they went on the wire'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from post" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -s H -l header -d 'A request header \'Name: value\' (repeatable)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l json-body -d 'A JSON body (checked), sent with Content-Type and Accept application/json' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l max-redirects -d 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l repeat -d 'Send the request N times over one keep-alive connection (p50/p99 per phase)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l max-body -d 'Largest response body accepted' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -s o -l output -d 'Write the body to FILE instead of stdout' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l timing -d 'Show the timing phases (always in --json)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l trace -d 'Show the bytes of each request and response as they went on the wire'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from put" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -s H -l header -d 'A request header \'Name: value\' (repeatable)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l json-body -d 'A JSON body (checked), sent with Content-Type and Accept application/json' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l max-redirects -d 'Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l repeat -d 'Send the request N times over one keep-alive connection (p50/p99 per phase)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l max-body -d 'Largest response body accepted' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -s o -l output -d 'Write the body to FILE instead of stdout' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l cacert -d 'Trust only the CA certificates in FILE (PEM) instead of the system roots' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l servername -d 'Name sent as SNI and checked against the certificate (default: the host given)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l cert -d 'Client certificate chain (PEM) for servers that require one; needs --key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l key -d 'Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l alpn -d 'Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l timing -d 'Show the timing phases (always in --json)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l trace -d 'Show the bytes of each request and response as they went on the wire'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l insecure -d 'Do not verify the server\'s certificate (a warning says so on stderr)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -s l -l listen -d 'Address to listen on (a wildcard address warns)' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l count -d 'Stop after answering N requests' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l max-clients -d 'Most clients at once; more are answered 503 and closed' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l idle-timeout -d 'Close a connection idle (or a request unfinished) for this long' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l max-request -d 'Largest request (head plus body) accepted; more is answered 431/413 and closed' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l max-buffered -d 'Partial input held across all connections; at it, the largest wait and stalled ones are closed, quiet longest first' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l tls-cert -d 'Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l tls-key -d 'Private key (PEM) of --tls-cert' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l tls-client-ca -d 'Require client certificates issued by the CAs in FILE (PEM)' -r -F
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from help" -f -a "get" -d 'GET a URL: headers as `<` lines on stderr, the body on stdout'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from help" -f -a "head" -d 'HEAD: the status line and headers only'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from help" -f -a "post" -d 'POST a body (argument, @file, - for stdin, or --json-body)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from help" -f -a "put" -d 'PUT a body (argument, @file, - for stdin, or --json-body)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from help" -f -a "delete" -d 'DELETE a URL'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve a directory\'s files over HTTP/1.1 (like python3 -m http.server)'
complete -c netkit -n "__fish_netkit_using_subcommand http; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "udp-echo" -d 'UDP echo server and client (RFC 862; chapter §5)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "tcp-echo" -d 'TCP echo server and client with framing and a load mode (chapter §5)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "dns" -d 'DNS queries, the system\'s getaddrinfo, and reverse lookups (chapter §8)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "serv-by-name" -d 'Look up services by name in the services database (getservbyname; chapter §8)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "serv-by-port" -d 'Look up services by port in the services database (getservbyport; chapter §8)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "pub" -d 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "sub" -d 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "broker" -d 'Run an embedded Redis-protocol pub/sub server for labs without Redis (chapter §2)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "rpc-call" -d 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (chapter §10)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "rpc-serve" -d 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (chapter §10)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "lab" -d 'Run the material\'s scenarios end to end on loopback, both sides narrated'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "zmq" -d 'ZeroMQ REQ/REP, PUSH/PULL, DEALER/ROUTER, PAIR and proxy (chapter §6, docs/material.md)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "tls" -d 'A server\'s TLS handshake and certificate chain, verified (like openssl s_client, for scripts)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "http" -d 'HTTP/1.1 client with timing phases, and a static file server (chapter §9, docs/material.md)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab zmq tls http help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from udp-echo" -f -a "serve" -d 'Echo datagrams back (or answer with --reply), one line per datagram'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from udp-echo" -f -a "send" -d 'Send datagrams and match replies: RTT, loss, duplicates; or a load run'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from tcp-echo" -f -a "serve" -d 'Serve many clients at once, echoing (or answering with --reply) per message'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from tcp-echo" -f -a "send" -d 'Connect, send, receive: connect time and RTT; or a load run with --concurrency'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "lookup" -d 'Query a DNS server for any record type (the DNS view, like dig)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "getaddrinfo" -d 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python\'s view)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "reverse" -d 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "diff" -d 'The system resolver beside each DNS server, with the differences named'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "req" -d 'REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "rep" -d 'REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "push" -d 'PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "pull" -d 'PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "dealer" -d 'DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "router" -d 'ROUTER: receive with the sender\'s routing identity; --reply answers it, --to sends to one'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "pair" -d 'PAIR: one peer; with messages it sends them, without it receives'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "proxy" -d 'A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "pub" -d 'The same as `netkit pub` (ZeroMQ PUB)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from zmq" -f -a "sub" -d 'The same as `netkit sub` (ZeroMQ SUB)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from http" -f -a "get" -d 'GET a URL: headers as `<` lines on stderr, the body on stdout'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from http" -f -a "head" -d 'HEAD: the status line and headers only'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from http" -f -a "post" -d 'POST a body (argument, @file, - for stdin, or --json-body)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from http" -f -a "put" -d 'PUT a body (argument, @file, - for stdin, or --json-body)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from http" -f -a "delete" -d 'DELETE a URL'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from http" -f -a "serve" -d 'Serve a directory\'s files over HTTP/1.1 (like python3 -m http.server)'

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
complete -c netkit -n "__fish_netkit_needs_command" -f -a "udp-echo" -d 'UDP echo server and client (RFC 862; SEED §5)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "tcp-echo" -d 'TCP echo server and client with framing and a load mode (SEED §5)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "dns" -d 'DNS queries, the system\'s getaddrinfo, and reverse lookups (SEED §8)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "serv-by-name" -d 'Look up services by name in the services database (getservbyname; SEED §8)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "serv-by-port" -d 'Look up services by port in the services database (getservbyport; SEED §8)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "pub" -d 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "sub" -d 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "broker" -d 'Run an embedded Redis-protocol pub/sub server for labs without Redis (SEED §2)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "rpc-call" -d 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (SEED §10)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "rpc-serve" -d 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (SEED §10)'
complete -c netkit -n "__fish_netkit_needs_command" -f -a "lab" -d 'Run the material\'s scenarios end to end on loopback, both sides narrated'
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
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l max-size -d 'Largest message in bytes; a bigger frame or line closes that client (raw: the read size)' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l backlog -d 'Length of the kernel\'s queue of connections not yet accepted (listen(2))' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l delay -d 'Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l seed -d 'Seed for --delay\'s jitter' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from serve" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
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
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from send" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve many clients at once, echoing (or answering with --reply) per message'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from help" -f -a "send" -d 'Connect, send, receive: connect time and RTT; or a load run with --concurrency'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -f -a "lookup" -d 'Query a DNS server for any record type (the DNS view, like dig)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -f -a "getaddrinfo" -d 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python\'s view)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -f -a "reverse" -d 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and not __fish_seen_subcommand_from lookup getaddrinfo reverse help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -s s -l server -d 'DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l retries -d 'Tries after the first when a try times out or fails (0-100)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l concurrency -d 'Queries in flight at once (default 64 over UDP, 1 over TCP: dnsmasq, for one, drops queries pipelined on one TCP connection)' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l tcp -d 'Ask over TCP instead of UDP'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l short -d 'Print record data only, one per line (like dig +short)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l hostent -d 'Print gethostbyname_ex\'s view: (canonical name, aliases, addresses); types A/AAAA (default A)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l cache -d 'Keep answers for the rest of this run (off by default: every query goes to the server)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from lookup" -l search -d 'Apply resolv.conf\'s search domains to names without a trailing dot (not with --server)'
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
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "lookup" -d 'Query a DNS server for any record type (the DNS view, like dig)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "getaddrinfo" -d 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python\'s view)'
complete -c netkit -n "__fish_netkit_using_subcommand dns; and __fish_seen_subcommand_from help" -f -a "reverse" -d 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system'
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
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l bind -d 'ZeroMQ: bind the endpoint (the default for pub, like the seed\'s publisher)'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l connect -d 'ZeroMQ: connect to the endpoint instead of binding'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l no-wait -d 'ZeroMQ: publish at once, even with nobody subscribed'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand pub" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l count -d 'Exit after N messages' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l pattern -d 'Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l reconnect -d 'Redis: after a lost connection, reconnect and subscribe again'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l bind -d 'ZeroMQ: bind the endpoint instead of connecting'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l connect -d 'ZeroMQ: connect to the endpoint (the default for sub)'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand sub" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l listen -d 'Address to listen on (HOST:PORT, [V6]:PORT, :PORT; port 0 = any free port)' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l max-clients -d 'Most clients connected at once; more are refused with -ERR max number of clients reached' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l output-limit -d 'Disconnect a subscriber whose unsent output passes this size (e.g. 32MB, 512KB)' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l max-size -d 'Largest bulk string (channel or message) a client may send (e.g. 64MB)' -r
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
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l list -d 'List the server\'s methods (system.listMethods)'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l notify -d 'Send a notification: no reply expected (JSON-RPC, MessagePack-RPC)'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l trace -d 'Show each request and response as it goes on the wire'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l stdin -d 'One call per stdin line (METHOD ARG..., or ARG... with METHOD given; or a JSON array), one connection'
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
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l max-size -d 'Largest request body (or MessagePack/JSON message) accepted, in bytes' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l idle-timeout -d 'Close a connection idle this long, or whose request is not whole by then' -r
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
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "udp-echo" -d 'UDP echo server and client (RFC 862; SEED §5)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "tcp-echo" -d 'TCP echo server and client with framing and a load mode (SEED §5)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "dns" -d 'DNS queries, the system\'s getaddrinfo, and reverse lookups (SEED §8)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "serv-by-name" -d 'Look up services by name in the services database (getservbyname; SEED §8)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "serv-by-port" -d 'Look up services by port in the services database (getservbyport; SEED §8)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "pub" -d 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "sub" -d 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "broker" -d 'Run an embedded Redis-protocol pub/sub server for labs without Redis (SEED §2)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "rpc-call" -d 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (SEED §10)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "rpc-serve" -d 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (SEED §10)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "lab" -d 'Run the material\'s scenarios end to end on loopback, both sides narrated'
complete -c netkit -n "__fish_netkit_using_subcommand help; and not __fish_seen_subcommand_from udp-echo tcp-echo dns serv-by-name serv-by-port pub sub broker rpc-call rpc-serve lab help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from udp-echo" -f -a "serve" -d 'Echo datagrams back (or answer with --reply), one line per datagram'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from udp-echo" -f -a "send" -d 'Send datagrams and match replies: RTT, loss, duplicates; or a load run'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from tcp-echo" -f -a "serve" -d 'Serve many clients at once, echoing (or answering with --reply) per message'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from tcp-echo" -f -a "send" -d 'Connect, send, receive: connect time and RTT; or a load run with --concurrency'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "lookup" -d 'Query a DNS server for any record type (the DNS view, like dig)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "getaddrinfo" -d 'Ask the system resolver (libc getaddrinfo), one line per tuple (Python\'s view)'
complete -c netkit -n "__fish_netkit_using_subcommand help; and __fish_seen_subcommand_from dns" -f -a "reverse" -d 'Map an address back to a name: PTR through the DNS, or getnameinfo with --system'

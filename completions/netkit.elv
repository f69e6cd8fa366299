
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
        &'netkit;rpc-serve'= {
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
        &'netkit;lab'= {
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
        }
        &'netkit;help;tcp-echo'= {
        }
        &'netkit;help;dns'= {
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

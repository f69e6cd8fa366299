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
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand udp-echo" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand tcp-echo" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand dns" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand dns" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand dns" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand dns" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand dns" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand dns" -s V -l version -d 'Print version'
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
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand broker" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand broker" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand broker" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand broker" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-call" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -l json -d 'Print JSON Lines: one object per event, each with a "type" (errors too)'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -s q -l quiet -d 'Print only summaries and errors, not one line per message'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -s h -l help -d 'Print help'
complete -c netkit -n "__fish_netkit_using_subcommand rpc-serve" -s V -l version -d 'Print version'
complete -c netkit -n "__fish_netkit_using_subcommand lab" -l color -d 'When to colour human output (NO_COLOR is honoured in auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c netkit -n "__fish_netkit_using_subcommand lab" -l timeout -d 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default' -r
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

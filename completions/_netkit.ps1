
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
            [CompletionResult]::new('udp-echo', 'udp-echo', [CompletionResultType]::ParameterValue, 'UDP echo server and client (RFC 862; SEED §5)')
            [CompletionResult]::new('tcp-echo', 'tcp-echo', [CompletionResultType]::ParameterValue, 'TCP echo server and client with framing and a load mode (SEED §5)')
            [CompletionResult]::new('dns', 'dns', [CompletionResultType]::ParameterValue, 'DNS queries, the system''s getaddrinfo, and reverse lookups (SEED §8)')
            [CompletionResult]::new('serv-by-name', 'serv-by-name', [CompletionResultType]::ParameterValue, 'Look up services by name in the services database (getservbyname; SEED §8)')
            [CompletionResult]::new('serv-by-port', 'serv-by-port', [CompletionResultType]::ParameterValue, 'Look up services by port in the services database (getservbyport; SEED §8)')
            [CompletionResult]::new('pub', 'pub', [CompletionResultType]::ParameterValue, 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)')
            [CompletionResult]::new('sub', 'sub', [CompletionResultType]::ParameterValue, 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)')
            [CompletionResult]::new('broker', 'broker', [CompletionResultType]::ParameterValue, 'Run an embedded Redis-protocol pub/sub server for labs without Redis (SEED §2)')
            [CompletionResult]::new('rpc-call', 'rpc-call', [CompletionResultType]::ParameterValue, 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (SEED §10)')
            [CompletionResult]::new('rpc-serve', 'rpc-serve', [CompletionResultType]::ParameterValue, 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (SEED §10)')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run the material''s scenarios end to end on loopback, both sides narrated')
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
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'ZeroMQ: bind the endpoint (the default for pub, like the seed''s publisher)')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'ZeroMQ: connect to the endpoint instead of binding')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'ZeroMQ: publish at once, even with nobody subscribed')
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
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour human output (NO_COLOR is honoured in auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])')
            [CompletionResult]::new('--reconnect', '--reconnect', [CompletionResultType]::ParameterName, 'Redis: after a lost connection, reconnect and subscribe again')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'ZeroMQ: bind the endpoint instead of connecting')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'ZeroMQ: connect to the endpoint (the default for sub)')
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
        'netkit;rpc-serve' {
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
        'netkit;lab' {
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
        'netkit;help' {
            [CompletionResult]::new('udp-echo', 'udp-echo', [CompletionResultType]::ParameterValue, 'UDP echo server and client (RFC 862; SEED §5)')
            [CompletionResult]::new('tcp-echo', 'tcp-echo', [CompletionResultType]::ParameterValue, 'TCP echo server and client with framing and a load mode (SEED §5)')
            [CompletionResult]::new('dns', 'dns', [CompletionResultType]::ParameterValue, 'DNS queries, the system''s getaddrinfo, and reverse lookups (SEED §8)')
            [CompletionResult]::new('serv-by-name', 'serv-by-name', [CompletionResultType]::ParameterValue, 'Look up services by name in the services database (getservbyname; SEED §8)')
            [CompletionResult]::new('serv-by-port', 'serv-by-port', [CompletionResultType]::ParameterValue, 'Look up services by port in the services database (getservbyport; SEED §8)')
            [CompletionResult]::new('pub', 'pub', [CompletionResultType]::ParameterValue, 'Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)')
            [CompletionResult]::new('sub', 'sub', [CompletionResultType]::ParameterValue, 'Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)')
            [CompletionResult]::new('broker', 'broker', [CompletionResultType]::ParameterValue, 'Run an embedded Redis-protocol pub/sub server for labs without Redis (SEED §2)')
            [CompletionResult]::new('rpc-call', 'rpc-call', [CompletionResultType]::ParameterValue, 'Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (SEED §10)')
            [CompletionResult]::new('rpc-serve', 'rpc-serve', [CompletionResultType]::ParameterValue, 'Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (SEED §10)')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run the material''s scenarios end to end on loopback, both sides narrated')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'netkit;help;udp-echo' {
            break
        }
        'netkit;help;tcp-echo' {
            break
        }
        'netkit;help;dns' {
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
        'netkit;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

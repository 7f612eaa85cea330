# Conformance catalogue (docs/catalogue.md): every rejection of docs/semantics.md's "Validation"
# section, each in the same Examples table as the closest object the API server accepts.
# Messages are upstream's (pkg/apis/networking/validation/validation.go and apimachinery), asserted
# as "field path: key part of the message" of one problem line. No data plane is involved.
@validation
Feature: API validation of NetworkPolicy objects

  @validation-name
  Scenario Outline: metadata: <case>
    The name must be a DNS-1123 subdomain and the namespace a DNS-1123 label, as for every namespaced object.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: "<name>", namespace: "<namespace>"}
      spec:
        podSelector: {}
      """
    Then it is <outcome>

    Examples:
      | case                               | name            | namespace | outcome                                                                        |
      | a DNS-1123 subdomain is accepted   | allow-all.v2    | x         | accepted                                                                       |
      | a name with capitals is rejected   | Allow-All       | x         | rejected with "metadata.name: a lowercase RFC 1123 subdomain must consist of"  |
      | a name with underscores is rejected | allow_all      | x         | rejected with "metadata.name: a lowercase RFC 1123 subdomain must consist of"  |
      | a missing name is rejected         |                 | x         | rejected with "metadata.name: name or generateName is required"                |
      | a namespace with a dot is rejected | allow-all       | x.y       | rejected with "metadata.namespace: must not contain dots"                      |

  @validation-policy-types
  Scenario Outline: policyTypes: <case>
    policyTypes holds at most two entries, each exactly `Ingress` or `Egress`.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: types, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: <types>
      """
    Then it is <outcome>

    Examples:
      | case                          | types                      | outcome                                                                     |
      | both types are accepted       | [Ingress, Egress]          | accepted                                                                    |
      | Egress alone is accepted      | [Egress]                   | accepted                                                                    |
      | three entries are rejected    | [Ingress, Egress, Ingress] | rejected with "spec.policyTypes: may not specify more than two policyTypes" |
      | an unknown type is rejected   | [Both]                     | rejected with "spec.policyTypes[0]: unsupported value"                      |
      | a lower-case type is rejected | [Ingress, egress]          | rejected with "spec.policyTypes[1]: unsupported value"                      |

  @validation-ports @ports
  Scenario Outline: ports: <case>
    A protocol is TCP, UDP or SCTP; a numeric port is 1..65535.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: ports, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - ports: [<port>]
      """
    Then it is <outcome>

    Examples:
      | case                             | port                     | outcome                                                                                      |
      | SCTP is accepted                 | {protocol: SCTP, port: 80} | accepted                                                                                   |
      | ICMP is rejected                 | {protocol: ICMP, port: 80} | rejected with "spec.ingress[0].ports[0].protocol: unsupported value"                       |
      | a lower-case protocol is rejected | {protocol: tcp, port: 80} | rejected with "spec.ingress[0].ports[0].protocol: unsupported value"                       |
      | port 1 is accepted               | {port: 1}                | accepted                                                                                     |
      | port 65535 is accepted           | {port: 65535}            | accepted                                                                                     |
      | port 0 is rejected               | {port: 0}                | rejected with "spec.ingress[0].ports[0].port: must be between 1 and 65535, inclusive"       |
      | port 65536 is rejected           | {port: 65536}            | rejected with "spec.ingress[0].ports[0].port: must be between 1 and 65535, inclusive"       |

  @validation-named-ports @ports @named-port
  Scenario Outline: named ports: <case>
    A named port must be an IANA service name: at most 15 characters of [a-z0-9-], at least one letter, no leading, trailing or double hyphen.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: named-ports, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - ports: [{port: "<name>"}]
      """
    Then it is <outcome>

    Examples:
      | case                                  | name             | outcome                                                                                                       |
      | serve-80-tcp is accepted              | serve-80-tcp     | accepted                                                                                                      |
      | 15 characters are accepted            | abcdefghijklmno  | accepted                                                                                                      |
      | 16 characters are rejected            | abcdefghijklmnop | rejected with "spec.ingress[0].ports[0].port: must be no more than 15 characters"                             |
      | a name without a letter is rejected   | 8080-8081        | rejected with "spec.ingress[0].ports[0].port: must contain at least one letter (a-z)"                         |
      | a leading hyphen is rejected          | -serve           | rejected with "spec.ingress[0].ports[0].port: must not begin or end with a hyphen"                            |
      | a trailing hyphen is rejected         | serve-           | rejected with "spec.ingress[0].ports[0].port: must not begin or end with a hyphen"                            |
      | a double hyphen is rejected           | serve--80        | rejected with "spec.ingress[0].ports[0].port: must not contain consecutive hyphens"                           |
      | capitals are rejected                 | Serve-80         | rejected with "spec.ingress[0].ports[0].port: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)" |
      | an underscore is rejected             | serve_80         | rejected with "spec.ingress[0].ports[0].port: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)" |

  @validation-endport @ports @endport
  Scenario Outline: endPort: <case>
    endPort needs a numeric port, may not be below it, and is itself a port number; equal to port is a one-port range.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: ranges, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - ports: [<port>]
      """
    Then it is <outcome>

    Examples:
      | case                                  | port                             | outcome                                                                                           |
      | endPort above port is accepted        | {port: 80, endPort: 81}          | accepted                                                                                          |
      | endPort equal to port is accepted     | {port: 80, endPort: 80}          | accepted                                                                                          |
      | endPort 65535 is accepted             | {port: 80, endPort: 65535}       | accepted                                                                                          |
      | endPort without port is rejected      | {endPort: 81}                    | rejected with "spec.ingress[0].ports[0].endPort: may not be specified when port is not specified" |
      | endPort with a named port is rejected | {port: serve-80-tcp, endPort: 81} | rejected with "spec.ingress[0].ports[0].endPort: may not be specified when port is non-numeric"  |
      | endPort below port is rejected        | {port: 81, endPort: 80}          | rejected with "spec.ingress[0].ports[0].endPort: must be greater than or equal to port"           |
      | endPort above 65535 is rejected       | {port: 80, endPort: 65536}       | rejected with "spec.ingress[0].ports[0].endPort: must be between 1 and 65535, inclusive"          |

  @validation-peers
  Scenario Outline: peers: <case>
    A peer sets at least one of podSelector, namespaceSelector and ipBlock, and ipBlock stands alone.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: peers, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress, Egress]
        <direction>:
          - <peers>: [<peer>]
      """
    Then it is <outcome>

    Examples:
      | case                                                  | direction | peers | peer                                                 | outcome                                                                                 |
      | a podSelector is accepted                             | ingress   | from  | {podSelector: {}}                                    | accepted                                                                                |
      | both selectors in one peer are accepted               | ingress   | from  | {podSelector: {}, namespaceSelector: {}}             | accepted                                                                                |
      | an ipBlock alone is accepted                          | ingress   | from  | {ipBlock: {cidr: 10.0.0.0/8}}                        | accepted                                                                                |
      | an empty peer is rejected                             | ingress   | from  | {}                                                   | rejected with "spec.ingress[0].from[0]: must specify a peer"                            |
      | an ipBlock with a podSelector is rejected             | ingress   | from  | {ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}       | rejected with "spec.ingress[0].from[0]: may not specify both ipBlock and another peer"  |
      | an ipBlock with a namespaceSelector is rejected       | ingress   | from  | {ipBlock: {cidr: 10.0.0.0/8}, namespaceSelector: {}} | rejected with "spec.ingress[0].from[0]: may not specify both ipBlock and another peer"  |
      | a namespaceSelector as egress peer is accepted        | egress    | to    | {namespaceSelector: {}}                              | accepted                                                                                |
      | an empty egress peer is rejected                      | egress    | to    | {}                                                   | rejected with "spec.egress[0].to[0]: must specify a peer"                               |
      | an egress ipBlock with a podSelector is rejected      | egress    | to    | {ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}       | rejected with "spec.egress[0].to[0]: may not specify both ipBlock and another peer"     |

  @validation-selectors
  Scenario Outline: label selectors: <case>
    Selector keys and values follow label syntax; In and NotIn need values, Exists and DoesNotExist forbid them, and no other operator exists.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: selectors, namespace: "x"}
      spec:
        podSelector: <selector>
      """
    Then it is <outcome>

    Examples:
      | case                                       | selector                                                             | outcome                                                                                                                        |
      | matchLabels are accepted                   | {matchLabels: {app: web, example.com/tier: "1"}}                     | accepted                                                                                                                       |
      | an empty label value is accepted           | {matchLabels: {app: ""}}                                             | accepted                                                                                                                       |
      | a label key with a space is rejected       | {matchLabels: {"my app": web}}                                       | rejected with "spec.podSelector.matchLabels: name part must consist of alphanumeric characters"                                |
      | a label key with an empty prefix is rejected | {matchLabels: {"/app": web}}                                       | rejected with "spec.podSelector.matchLabels: prefix part must be non-empty"                                                    |
      | a label value with @ is rejected           | {matchLabels: {app: "w@b"}}                                          | rejected with "spec.podSelector.matchLabels: a valid label must be an empty string or consist of alphanumeric characters"      |
      | In with values is accepted                 | {matchExpressions: [{key: app, operator: In, values: [web]}]}        | accepted                                                                                                                       |
      | In with empty values is rejected           | {matchExpressions: [{key: app, operator: In, values: []}]}           | rejected with "spec.podSelector.matchExpressions[0].values: must be specified when operator is 'In' or 'NotIn'"                |
      | NotIn without values is rejected           | {matchExpressions: [{key: app, operator: NotIn}]}                    | rejected with "spec.podSelector.matchExpressions[0].values: must be specified when operator is 'In' or 'NotIn'"                |
      | Exists without values is accepted          | {matchExpressions: [{key: app, operator: Exists}]}                   | accepted                                                                                                                       |
      | DoesNotExist without values is accepted    | {matchExpressions: [{key: app, operator: DoesNotExist}]}             | accepted                                                                                                                       |
      | Exists with values is rejected             | {matchExpressions: [{key: app, operator: Exists, values: [web]}]}    | rejected with "spec.podSelector.matchExpressions[0].values: may not be specified when operator is 'Exists' or 'DoesNotExist'"  |
      | DoesNotExist with values is rejected       | {matchExpressions: [{key: app, operator: DoesNotExist, values: [web]}]} | rejected with "spec.podSelector.matchExpressions[0].values: may not be specified when operator is 'Exists' or 'DoesNotExist'" |
      | an unknown operator is rejected            | {matchExpressions: [{key: app, operator: Equals, values: [web]}]}    | rejected with "spec.podSelector.matchExpressions[0].operator: not a valid selector operator"                                   |
      | an invalid expression key is rejected      | {matchExpressions: [{key: "my app", operator: Exists}]}              | rejected with "spec.podSelector.matchExpressions[0].key: name part must consist of alphanumeric characters"                    |
      | an invalid expression value is rejected    | {matchExpressions: [{key: app, operator: In, values: ["w@b"]}]}      | rejected with "spec.podSelector.matchExpressions[0].values[0]: a valid label must be an empty string"                          |

  @validation-peer-selectors
  Scenario Outline: peer selectors: <case>
    The selectors of a peer are checked like the policy's own podSelector, at the peer's field path.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: peer-selectors, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - from: [<peer>]
      """
    Then it is <outcome>

    Examples:
      | case                                              | peer                                                                                | outcome                                                                                                                   |
      | a namespaceSelector NotIn with values is accepted | {namespaceSelector: {matchExpressions: [{key: team, operator: NotIn, values: [a]}]}} | accepted                                                                                                                 |
      | a namespaceSelector In without values is rejected | {namespaceSelector: {matchExpressions: [{key: team, operator: In, values: []}]}}     | rejected with "spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values: must be specified when operator is" |
      | a podSelector with a bad key is rejected          | {podSelector: {matchLabels: {"my app": web}}}                                       | rejected with "spec.ingress[0].from[0].podSelector.matchLabels: name part must consist of"                               |

  @validation-ipblock @ipblock
  Scenario Outline: ipBlock: <case>
    cidr is required and parseable; each except is parseable, of the same family and a strict subset of cidr.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: blocks, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock: <block>
      """
    Then it is <outcome>

    Examples:
      | case                                         | block                                                 | outcome                                                                                   |
      | a CIDR with an except inside is accepted     | {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.3.4/32]} | accepted                                                                                 |
      | an IPv6 CIDR with an except is accepted      | {cidr: "fd00::/64", except: ["fd00::/96"]}             | accepted                                                                                 |
      | a missing cidr is rejected                   | {except: [10.1.0.0/16]}                               | rejected with "spec.egress[0].to[0].ipBlock.cidr: required value"                         |
      | a prefix above 32 is rejected                | {cidr: 10.0.0.0/33}                                   | rejected with "spec.egress[0].to[0].ipBlock.cidr: must be a valid CIDR value"             |
      | an address without prefix is rejected        | {cidr: 10.0.0.1}                                      | rejected with "spec.egress[0].to[0].ipBlock.cidr: must be a valid CIDR value"             |
      | text is rejected                             | {cidr: everywhere}                                    | rejected with "spec.egress[0].to[0].ipBlock.cidr: must be a valid CIDR value"             |
      | an unparseable except is rejected            | {cidr: 10.0.0.0/8, except: [10.1.0.0/40]}             | rejected with "spec.egress[0].to[0].ipBlock.except[0]: must be a valid CIDR value"        |
      | an except of the other family is rejected    | {cidr: 10.0.0.0/8, except: ["fd00::/64"]}             | rejected with "spec.egress[0].to[0].ipBlock.except[0]: must be a strict subset of cidr"   |
      | an except equal to cidr is rejected          | {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}              | rejected with "spec.egress[0].to[0].ipBlock.except[0]: must be a strict subset of cidr"   |
      | an except wider than cidr is rejected        | {cidr: 10.1.0.0/16, except: [10.0.0.0/8]}             | rejected with "spec.egress[0].to[0].ipBlock.except[0]: must be a strict subset of cidr"   |
      | an except outside cidr is rejected           | {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}          | rejected with "spec.egress[0].to[0].ipBlock.except[0]: must be a strict subset of cidr"   |
      | the second except is checked too             | {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 11.0.0.0/16]} | rejected with "spec.egress[0].to[0].ipBlock.except[1]: must be a strict subset of cidr"  |

  @validation-strict-cidr @ipblock
  Scenario Outline: strict CIDR validation: <case>
    With strict CIDR validation (default on since Kubernetes 1.36) a CIDR must be written in its canonical form; older servers accepted these with a warning.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: strict, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - from:
              - ipBlock: <block>
      """
    Then it is <outcome>

    Examples:
      | case                                         | block                                         | outcome                                                                                                    |
      | the network address is accepted              | {cidr: 10.10.1.0/24}                          | accepted                                                                                                   |
      | host bits beyond the prefix are rejected     | {cidr: 10.10.1.12/24}                         | rejected with "spec.ingress[0].from[0].ipBlock.cidr: must not have bits set beyond the prefix length"      |
      | host bits in an except are rejected          | {cidr: 10.10.0.0/16, except: [10.10.1.12/24]} | rejected with "spec.ingress[0].from[0].ipBlock.except[0]: must not have bits set beyond the prefix length" |
      | leading zeros are rejected                   | {cidr: 010.10.1.0/24}                         | rejected with "spec.ingress[0].from[0].ipBlock.cidr: must not have leading 0s"                             |
      | an IPv4-mapped IPv6 CIDR is rejected         | {cidr: "::ffff:10.10.1.0/120"}                | rejected with "spec.ingress[0].from[0].ipBlock.cidr: must not have an IPv4-mapped IPv6 address"            |
      | an IPv6 network address is accepted          | {cidr: "2001:db8::/64"}                       | accepted                                                                                                   |

  @validation-lenient-cidr @ipblock
  Scenario Outline: lenient CIDR validation: <case>
    Before strict CIDR validation an API server accepted non-canonical CIDRs with a warning, but still rejected what does not parse or is not a strict subset.

    Given the API server validates CIDRs leniently
    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: lenient, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - from:
              - ipBlock: <block>
      """
    Then it is <outcome>

    Examples:
      | case                                         | block                                         | outcome                                                                                     |
      | host bits beyond the prefix are accepted     | {cidr: 10.10.1.12/24}                         | accepted                                                                                    |
      | leading zeros are accepted                   | {cidr: 010.10.1.0/24}                         | accepted                                                                                    |
      | an IPv4-mapped IPv6 CIDR is accepted         | {cidr: "::ffff:10.10.1.0/120"}                | accepted                                                                                    |
      | a prefix above 32 is still rejected          | {cidr: 10.10.1.0/33}                          | rejected with "spec.ingress[0].from[0].ipBlock.cidr: must be a valid CIDR value"            |
      | an except outside cidr is still rejected     | {cidr: 10.10.1.12/24, except: [10.10.2.0/28]} | rejected with "spec.ingress[0].from[0].ipBlock.except[0]: must be a strict subset of cidr" |

  @validation-yaml-booleans
  Scenario Outline: YAML 1.1 booleans: <case>
    kubectl reads YAML 1.1, where an unquoted `y`, `n`, `yes`, `no`, `on` or `off` is a boolean: a selector for namespace y must quote it, or the API server cannot decode the policy.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: yaml-booleans, namespace: "x"}
      spec:
        podSelector: <selector>
      """
    Then it is <outcome>

    Examples:
      | case                                   | selector                                                                             | outcome                                                                                  |
      | a quoted "y" label value is accepted   | {matchLabels: {kubernetes.io/metadata.name: "y"}}                                    | accepted                                                                                 |
      | an unquoted y label value is rejected  | {matchLabels: {kubernetes.io/metadata.name: y}}                                      | rejected with "spec.podSelector.matchLabels[kubernetes.io/metadata.name]: must be a string" |
      | a quoted "y" in values is accepted     | {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: ["y"]}]} | accepted                                                                                 |
      | an unquoted y in values is rejected    | {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [y]}]}   | rejected with "spec.podSelector.matchExpressions[0].values[0]: must be a string"         |

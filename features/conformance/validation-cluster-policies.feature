# Conformance catalogue, "API validation" of the cluster-scoped kinds: everything the Network
# Policy API's CRDs reject (their OpenAPI schemas and x-kubernetes-validations CEL rules), for
# ClusterNetworkPolicy (v1alpha2) and AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1),
# each next to the closest object the API server accepts. Messages are the CRDs' own where a CEL
# rule says them. No data plane is involved.
@validation
Feature: API validation of ClusterNetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy

  @validation-cnp @cnp
  Scenario Outline: ClusterNetworkPolicy spec: <case>
    tier is Admin or Baseline; priority is 0..1000; the subject sets exactly one of namespaces and pods.

    When this policy is validated:
      """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: spec-check}
      spec:
        tier: <tier>
        priority: <priority>
        subject: <subject>
      """
    Then it is <outcome>

    Examples:
      | case                                | tier     | priority | subject                                      | outcome                                                                   |
      | an Admin policy is accepted         | Admin    | 0        | {namespaces: {}}                             | accepted                                                                  |
      | a Baseline policy is accepted       | Baseline | 1000     | {pods: {namespaceSelector: {}, podSelector: {}}} | accepted                                                              |
      | an unknown tier is rejected         | Platform | 3        | {namespaces: {}}                             | rejected with "spec.tier: unsupported value \"Platform\""                 |
      | priority 1001 is rejected           | Admin    | 1001     | {namespaces: {}}                             | rejected with "spec.priority: should be less than or equal to 1000"       |
      | a negative priority is rejected     | Admin    | -1       | {namespaces: {}}                             | rejected with "spec.priority: should be greater than or equal to 0"       |
      | a quoted priority is rejected       | Admin    | "3"      | {namespaces: {}}                             | rejected with "spec.priority: must be an integer"                         |
      | an empty subject is rejected        | Admin    | 3        | {}                                           | rejected with "spec.subject: should have at least 1 property"             |
      | a subject with both is rejected     | Admin    | 3        | {namespaces: {}, pods: {podSelector: {}}}    | rejected with "spec.subject: must have at most 1 property"                |
      | pods without podSelector is rejected | Admin   | 3        | {pods: {namespaceSelector: {}}}              | rejected with "spec.subject.pods.podSelector: required value"             |

  @validation-cnp @cnp
  Scenario Outline: ClusterNetworkPolicy rules and peers: <case>
    Actions are Accept, Deny and Pass; from/to hold 1 to 25 peers, each setting exactly one field; networks only in egress peers.

    When this policy is validated:
      """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: rules-check}
      spec:
        tier: Admin
        priority: 3
        subject: {namespaces: {}}
        <direction>:
        - {name: <name>, action: <action>, <peers>: <list>}
      """
    Then it is <outcome>

    Examples:
      | case                                    | direction | name        | action | peers | list                                            | outcome                                                              |
      | an Accept rule is accepted              | ingress   | accept-all  | Accept | from  | [{namespaces: {}}]                              | accepted                                                             |
      | a Pass rule with networks is accepted   | egress    | pass-net    | Pass   | to    | [{networks: [10.0.0.0/8, "fd00::/8"]}]          | accepted                                                             |
      | Allow (v1alpha1 wording) is rejected    | ingress   | allow       | Allow  | from  | [{namespaces: {}}]                              | rejected with "spec.ingress[0].action: unsupported value \"Allow\""  |
      | an empty from is rejected               | ingress   | empty       | Deny   | from  | []                                              | rejected with "spec.ingress[0].from: should have at least 1 item"    |
      | a peer with no field is rejected        | ingress   | nothing     | Deny   | from  | [{}]                                            | rejected with "spec.ingress[0].from[0]: should have at least 1 property" |
      | a peer with two fields is rejected      | egress    | two         | Deny   | to    | [{namespaces: {}, networks: [10.0.0.0/8]}]      | rejected with "spec.egress[0].to[0]: must have at most 1 property"   |
      | networks in an ingress peer is rejected | ingress   | net-in      | Deny   | from  | [{networks: [10.0.0.0/8]}]                      | rejected with "spec.ingress[0].from[0].networks: unknown field"      |
      | a 101-character name is rejected        | ingress   | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | Deny | from | [{namespaces: {}}] | rejected with "spec.ingress[0].name: may not be more than 100 characters" |

  @validation-cnp @cnp
  Scenario Outline: ClusterNetworkPolicy networks: <case>
    Each entry must pass the CRD's `isCIDR(self)` rule (Go's netip: host bits allowed, leading zeros not), at most 43 characters, no duplicates.

    When this policy is validated:
      """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: networks-check}
      spec:
        tier: Admin
        priority: 3
        subject: {namespaces: {}}
        egress:
        - {action: Deny, to: [{networks: <networks>}]}
      """
    Then it is <outcome>

    Examples:
      | case                                    | networks                                               | outcome                                                                            |
      | IPv4 and IPv6 CIDRs are accepted        | ["10.0.0.0/8", "fd00::/8"]                              | accepted                                                                           |
      | host bits beyond the prefix are accepted | ["10.0.0.1/8"]                                         | accepted                                                                           |
      | a leading zero is rejected              | ["10.01.0.0/16"]                                        | rejected with "spec.egress[0].to[0].networks[0]: Invalid CIDR format provided"     |
      | an address without prefix is rejected   | ["10.0.0.1"]                                            | rejected with "spec.egress[0].to[0].networks[0]: Invalid CIDR format provided"     |
      | a prefix beyond 32 is rejected          | ["10.0.0.0/33"]                                         | rejected with "spec.egress[0].to[0].networks[0]: Invalid CIDR format provided"     |
      | 45 characters are rejected              | ["ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128"]  | rejected with "spec.egress[0].to[0].networks[0]: may not be more than 43 characters" |
      | a repeated entry is rejected            | ["10.0.0.0/8", "10.0.0.0/8"]                            | rejected with "spec.egress[0].to[0].networks[1]: duplicate value"                  |
      | an empty list is rejected               | []                                                      | rejected with "spec.egress[0].to[0].networks: should have at least 1 item"         |

  @validation-cnp @cnp @ports
  Scenario Outline: ClusterNetworkPolicy protocols: <case>
    Each entry sets exactly one of tcp, udp, sctp (each with a destinationPort that is a number or a range) and destinationNamedPort; a range needs start < end (CEL).

    When this policy is validated:
      """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: protocols-check}
      spec:
        tier: Admin
        priority: 3
        subject: {namespaces: {}}
        ingress:
        - {action: Deny, from: [{namespaces: {}}], protocols: [<protocol>]}
      """
    Then it is <outcome>

    Examples:
      | case                                 | protocol                                                   | outcome                                                                                      |
      | a TCP port is accepted               | {tcp: {destinationPort: {number: 80}}}                     | accepted                                                                                     |
      | a UDP range is accepted              | {udp: {destinationPort: {range: {start: 53, end: 54}}}}    | accepted                                                                                     |
      | a named port is accepted             | {destinationNamedPort: http}                               | accepted                                                                                     |
      | tcp with no port is rejected         | {tcp: {}}                                                  | rejected with "spec.ingress[0].protocols[0].tcp: should have at least 1 property"            |
      | two fields are rejected              | {sctp: {destinationPort: {number: 9003}}, destinationNamedPort: x} | rejected with "spec.ingress[0].protocols[0]: must have at most 1 property"          |
      | port 0 is rejected                   | {tcp: {destinationPort: {number: 0}}}                      | rejected with "spec.ingress[0].protocols[0].tcp.destinationPort.number: should be greater than or equal to 1" |
      | port 65536 is rejected               | {udp: {destinationPort: {number: 65536}}}                  | rejected with "spec.ingress[0].protocols[0].udp.destinationPort.number: should be less than or equal to 65535" |
      | number and range are rejected        | {tcp: {destinationPort: {number: 80, range: {start: 1, end: 2}}}} | rejected with "spec.ingress[0].protocols[0].tcp.destinationPort: must have at most 1 property" |
      | start = end is rejected (CEL)        | {tcp: {destinationPort: {range: {start: 80, end: 80}}}}    | rejected with "spec.ingress[0].protocols[0].tcp.destinationPort.range: Start port must be less than End port" |
      | start > end is rejected (CEL)        | {tcp: {destinationPort: {range: {start: 90, end: 80}}}}    | rejected with "spec.ingress[0].protocols[0].tcp.destinationPort.range: Start port must be less than End port" |
      | a range without end is rejected      | {tcp: {destinationPort: {range: {start: 80}}}}             | rejected with "spec.ingress[0].protocols[0].tcp.destinationPort.range.end: required value"   |
      | icmp is rejected                     | {icmp: {}}                                                 | rejected with "spec.ingress[0].protocols[0].icmp: unknown field"                             |

  @validation-cnp @cnp @validation-experimental
  Scenario Outline: experimental fields: <case>
    The experimental channel adds the nodes and domainNames egress peers, and a CEL rule: a named port cannot go with networks, nodes or domainNames peers (they have no named ports).

    When this policy is validated:
      """
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: experimental-check}
      spec:
        tier: Admin
        priority: 3
        subject: {namespaces: {}}
        egress:
        - {action: <action>, to: [<peer>], protocols: [<protocol>]}
      """
    Then it is <outcome>

    Examples:
      | case                                        | action | peer                                  | protocol                               | outcome                                                                                              |
      | a nodes peer is accepted                    | Deny   | {nodes: {matchLabels: {role: infra}}} | {tcp: {destinationPort: {number: 22}}} | accepted                                                                                             |
      | domain names are accepted                   | Accept | {domainNames: ["*.example.com", example.org]} | {tcp: {destinationPort: {number: 443}}} | accepted                                                                                  |
      | a wildcard inside a domain is rejected      | Accept | {domainNames: ["www.*.example.com"]}  | {tcp: {destinationPort: {number: 443}}} | rejected with "spec.egress[0].to[0].domainNames[0]: should match"                                   |
      | a named port with networks is rejected      | Deny   | {networks: [10.0.0.0/8]}              | {destinationNamedPort: http}           | rejected with "spec.egress[0]: networks/nodes/domainNames peer cannot be set with namedPorts"       |
      | a named port with nodes is rejected         | Deny   | {nodes: {}}                           | {destinationNamedPort: http}           | rejected with "spec.egress[0]: networks/nodes/domainNames peer cannot be set with namedPorts"       |
      | a named port with pods is accepted          | Deny   | {pods: {namespaceSelector: {}, podSelector: {}}} | {destinationNamedPort: http} | accepted                                                                                           |

  @validation-anp @anp
  Scenario Outline: AdminNetworkPolicy: <case>
    v1alpha1 wording: actions Allow, Deny and Pass; priority 0..1000; up to 100 rules; ports are portNumber, portRange (protocol defaults to TCP) or namedPort.

    When this policy is validated:
      """
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: {name: anp-check}
      spec:
        priority: <priority>
        subject: {namespaces: {}}
        ingress:
        - {action: <action>, from: [{namespaces: {}}], ports: [<port>]}
      """
    Then it is <outcome>

    Examples:
      | case                                   | priority | action | port                                           | outcome                                                                               |
      | an Allow rule is accepted              | 10       | Allow  | {portNumber: {port: 80}}                       | accepted                                                                              |
      | a Pass rule with a range is accepted   | 10       | Pass   | {portRange: {protocol: UDP, start: 1, end: 9}} | accepted                                                                              |
      | a named port is accepted               | 10       | Deny   | {namedPort: http}                              | accepted                                                                              |
      | Accept (v1alpha2 wording) is rejected  | 10       | Accept | {portNumber: {port: 80}}                       | rejected with "spec.ingress[0].action: unsupported value \"Accept\""                  |
      | priority 1001 is rejected              | 1001     | Allow  | {portNumber: {port: 80}}                       | rejected with "spec.priority: should be less than or equal to 1000"                   |
      | a port without number is rejected      | 10       | Allow  | {portNumber: {protocol: TCP}}                  | rejected with "spec.ingress[0].ports[0].portNumber.port: required value"              |
      | a port entry with two fields is rejected | 10     | Allow  | {portNumber: {port: 80}, namedPort: http}      | rejected with "spec.ingress[0].ports[0]: must have at most 1 property"                |
      | port 70000 is rejected                 | 10       | Allow  | {portNumber: {port: 70000}}                    | rejected with "spec.ingress[0].ports[0].portNumber.port: should be less than or equal to 65535" |

  @validation-anp @anp
  Scenario Outline: BaselineAdminNetworkPolicy: <case>
    There is one, named `default` (a CEL rule on the object); its actions are Allow and Deny; it has no priority.

    When this policy is validated:
      """
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: BaselineAdminNetworkPolicy
      metadata: {name: <name>}
      spec:
        subject: {namespaces: {}}
        egress:
        - {action: <action>, to: [<peer>]}
      """
    Then it is <outcome>

    Examples:
      | case                               | name     | action | peer                     | outcome                                                                                         |
      | default with Deny is accepted      | default  | Deny   | {networks: [0.0.0.0/0]}  | accepted                                                                                        |
      | another name is rejected           | baseline | Deny   | {networks: [0.0.0.0/0]}  | rejected with "Only one baseline admin network policy with metadata.name=\"default\" can be created" |
      | Pass is rejected                   | default  | Pass   | {namespaces: {}}         | rejected with "spec.egress[0].action: unsupported value \"Pass\""                               |
      | domainNames are not a BANP peer    | default  | Allow  | {domainNames: [a.io]}    | rejected with "spec.egress[0].to[0].domainNames: unknown field"                                 |

  @validation-anp @anp @validation-experimental
  Scenario: the v1alpha1 CRD does not check a port range's order
    The API's documentation says start must be less than end, but unlike v1alpha2 no CEL rule checks it:
    the API server accepts the object, and this project warns that the range matches no port.

    When this policy is validated:
      """
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: {name: reversed-range}
      spec:
        priority: 3
        subject: {namespaces: {}}
        ingress:
        - {action: Deny, from: [{namespaces: {}}], ports: [{portRange: {start: 90, end: 80}}]}
      """
    Then it is accepted

# Conformance catalogue (docs/catalogue.md): ipv6-1 ... ipv6-9.
# Dual-stack clusters: every pod has an IPv4 and an IPv6 address, and a flow travels in one address
# family. An ipBlock matches the address of the flow's family, so an IPv4 block never admits IPv6
# traffic and the reverse; selectors match pods whatever the family. Pod addresses are assigned
# (the IPv6 one is fd00:10:244:: plus the IPv4 address), so policies on pod addresses use the
# templates {{ip6 ns/pod}} and {{net6 ns/pod N}}. Upstream's e2e suite runs its cases on IPv6
# clusters; these cases check the two families side by side.
@ipv6
Feature: IPv6 and dual-stack: ipBlocks per address family, selectors in both

  Background:
    Given the x/y/z model

  @ipv6-1 @external @ipblock @ipblock-pod-ip @impl-defined
  Scenario: an IPv6 external host is admitted by an IPv6 ipBlock, not by an IPv4 one
    x/a admits 2001:db8::/64 and 0.0.0.0/0. The IPv6 host v6 is in the first block, far in neither:
    the IPv4 block does not match an IPv6 address. (0.0.0.0/0 holds the pods' IPv4 addresses too,
    hence @ipblock-pod-ip.)

    Given the external hosts:
      | host | address      | ports  |
      | v6   | 2001:db8::5  | 80/TCP |
      | far  | 2001:db9::5  | 80/TCP |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: from-documentation-net, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - ipBlock: {cidr: 2001:db8::/64}
              - ipBlock: {cidr: 0.0.0.0/0}
      """
    Then v6 can connect to x/a on 80/TCP
    And far cannot connect to x/a on 80/TCP
    And v6 can connect to x/b on 80/TCP

  @ipv6-2 @external @ipblock
  Scenario: an IPv6 except carves an address out of the block
    The block 2001:db8::/64 with except 2001:db8::/120 admits 2001:db8::1:5 but not 2001:db8::5.

    Given the external hosts:
      | host   | address        | ports  |
      | inside | 2001:db8::1:5  | 80/TCP |
      | except | 2001:db8::5    | 80/TCP |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: block-with-except, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - ipBlock: {cidr: 2001:db8::/64, except: [2001:db8::/120]}
      """
    Then inside can connect to x/a on 80/TCP
    And except cannot connect to x/a on 80/TCP

  @ipv6-3 @external @egress @ipblock @ipblock-pod-ip @impl-defined
  Scenario: egress to ::/0 reaches IPv6 hosts only, egress to 0.0.0.0/0 IPv4 hosts only
    x/a may send to ::/0 on 80; x/b to 0.0.0.0/0 on 80. Each reaches the host of its family only.

    Given the external hosts:
      | host | address       | ports  |
      | v6   | 2001:db8::5   | 80/TCP |
      | v4   | 192.168.5.10  | 80/TCP |
    When these policies are applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: a-to-v6, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to: [{ipBlock: {cidr: "::/0"}}]
            ports: [{port: 80}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: b-to-v4, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: b}}
        policyTypes: [Egress]
        egress:
          - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
            ports: [{port: 80}]
      """
    Then x/a can connect to v6 on 80/TCP
    And x/a cannot connect to v4 on 80/TCP
    And x/b can connect to v4 on 80/TCP
    And x/b cannot connect to v6 on 80/TCP

  @ipv6-4 @default-deny
  Scenario: a default-deny ingress policy denies IPv6 traffic between pods as it denies IPv4
    Isolation does not depend on the family: with deny-all in x, nothing reaches x's pods over
    either family, and y and z still talk over IPv6.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-all, namespace: "x"}
      spec: {podSelector: {}, policyTypes: [Ingress]}
      """
    Then the reachability on 80/TCP over IPv6 is:
      | from -> to | x/a | x/b | y/a | z/a |
      | x/a        | -   | X   | .   | .   |
      | y/b        | X   | X   | .   | .   |
      | z/c        | X   | X   | .   | .   |
    And the reachability on 80/TCP over IPv4 is:
      | from -> to | x/a | y/a |
      | y/b        | X   | .   |

  @ipv6-5 @ingress
  Scenario: a pod selector admits a pod over IPv6 as over IPv4
    x/a admits pods labelled pod=b of namespace x: x/b reaches it over both families, x/c over neither.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: from-b, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from: [{podSelector: {matchLabels: {pod: b}}}]
      """
    Then x/b can connect to x/a on 80/TCP over IPv6
    And x/b can connect to x/a on 80/TCP over IPv4
    And x/c cannot connect to x/a on 80/TCP over IPv6
    And x/c cannot connect to x/a on 80/TCP over IPv4

  @ipv6-6 @ipblock @ipblock-pod-ip @impl-defined
  Scenario: an IPv6 ipBlock holding a pod's IPv6 address admits it over IPv6 only
    x/a admits {{ip6 y/b}}/128. y/b reaches x/a over IPv6; over IPv4 its address is not in the
    block. Other pods reach x/a over neither family.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: from-y-b-v6, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from: [{ipBlock: {cidr: "{{ip6 y/b}}/128"}}]
      """
    Then y/b can connect to x/a on 80/TCP over IPv6
    And y/b cannot connect to x/a on 80/TCP over IPv4
    And y/c cannot connect to x/a on 80/TCP over IPv6

  @ipv6-7 @ipblock @ipblock-pod-ip @impl-defined @egress
  Scenario: an IPv6 egress ipBlock around a pod network with the pod's own address excepted
    x/a may send to the /96 holding every pod's IPv6 address except z/c's. Over IPv6 it reaches y/b
    but not z/c; over IPv4 the block matches nobody.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: egress-v6-pods, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to: [{ipBlock: {cidr: "{{net6 y/b 96}}", except: ["{{ip6 z/c}}/128"]}}]
      """
    Then x/a can connect to y/b on 80/TCP over IPv6
    And x/a cannot connect to z/c on 80/TCP over IPv6
    And x/a cannot connect to y/b on 80/TCP over IPv4

  @ipv6-8 @udp @ingress
  Scenario: a UDP rule over IPv6 opens UDP only
    x/a admits 80/UDP from every pod. Over IPv6, UDP 80 reaches it and TCP 80 does not.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: udp-only, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - ports: [{protocol: UDP, port: 80}]
      """
    Then y/b can connect to x/a on 80/UDP over IPv6
    And y/b cannot connect to x/a on 80/TCP over IPv6

  @ipv6-9 @external @egress
  Scenario: replies to an IPv6 client need no rule of their own
    x/a admits the IPv6 host v6 and isolates its egress with no rule: the replies of the allowed
    connection still flow (policies are stateful), while x/a cannot open one to v6.

    Given the external hosts:
      | host | address      | ports  |
      | v6   | 2001:db8::5  | 80/TCP |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: v6-in-no-out, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Ingress, Egress]
        ingress:
          - from: [{ipBlock: {cidr: 2001:db8::/64}}]
      """
    Then v6 can connect to x/a on 80/TCP
    And x/a cannot connect to v6 on 80/TCP

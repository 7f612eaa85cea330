# Conformance catalogue (docs/catalogue.md): endPort ranges enforced in the
# data plane. Upstream only validates endPort; it never probes the edges of a range. The x/y/z pods
# serve only 80 and 81, so these cases use their own topology: a server on 79-82 probed on every port.
@endport @ports
Feature: endPort ranges in the data plane

  Background:
    Given the pods:
      | pod          | labels     | ports                                                          |
      | range/server | app=server | 79/TCP, 80/TCP, 81/TCP, 82/TCP, 79/UDP, 80/UDP, 81/UDP, 82/UDP |
      | range/client | app=client | 80/TCP                                                         |
      | other/client | app=client | 80/TCP                                                         |

  @endport-1 @ingress
  Scenario: an ingress port range includes both ends and nothing beyond
    `port: 80, endPort: 81` is the inclusive range 80-81: the client reaches the server on 80 and 81, not on 79 or 82.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: range-80-81, namespace: range}
      spec:
        podSelector: {matchLabels: {app: server}}
        ingress:
          - from:
              - podSelector: {matchLabels: {app: client}}
            ports:
              - {protocol: TCP, port: 80, endPort: 81}
      """
    Then range/client cannot connect to range/server on 79/TCP
    And range/client can connect to range/server on 80/TCP
    And range/client can connect to range/server on 81/TCP
    And range/client cannot connect to range/server on 82/TCP
    And other/client cannot connect to range/server on 80/TCP

  @endport-2 @ingress
  Scenario: an ingress port range with endPort equal to port is that one port
    `port: 80, endPort: 80` is valid and means port 80 alone: 79, 81 and 82 stay closed.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: range-80-80, namespace: range}
      spec:
        podSelector: {matchLabels: {app: server}}
        ingress:
          - from:
              - podSelector: {matchLabels: {app: client}}
            ports:
              - {protocol: TCP, port: 80, endPort: 80}
      """
    Then range/client cannot connect to range/server on 79/TCP
    And range/client can connect to range/server on 80/TCP
    And range/client cannot connect to range/server on 81/TCP
    And range/client cannot connect to range/server on 82/TCP

  @endport-3 @egress
  Scenario: an egress port range includes both ends and nothing beyond
    The same range on the client's egress: the client reaches the server on 80 and 81, not on 79 or 82.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: range-80-81-out, namespace: range}
      spec:
        podSelector: {matchLabels: {app: client}}
        policyTypes: [Egress]
        egress:
          - ports:
              - {protocol: TCP, port: 80, endPort: 81}
      """
    Then range/client cannot connect to range/server on 79/TCP
    And range/client can connect to range/server on 80/TCP
    And range/client can connect to range/server on 81/TCP
    And range/client cannot connect to range/server on 82/TCP
    And other/client can connect to range/server on 82/TCP

  @endport-4 @ingress @udp
  Scenario: a port range belongs to its protocol
    A UDP range 80-81 opens UDP 80 and 81 and nothing on TCP.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: udp-range-80-81, namespace: range}
      spec:
        podSelector: {matchLabels: {app: server}}
        ingress:
          - ports:
              - {protocol: UDP, port: 80, endPort: 81}
      """
    Then range/client cannot connect to range/server on 79/UDP
    And range/client can connect to range/server on 80/UDP
    And range/client can connect to range/server on 81/UDP
    And range/client cannot connect to range/server on 82/UDP
    And range/client cannot connect to range/server on 80/TCP

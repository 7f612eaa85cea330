# Conformance catalogue (docs/catalogue.md): named ports resolved per
# destination pod. In the x/y/z model every pod maps a name to the same number, so upstream's named
# port cases cannot tell WHICH pod a plugin resolves the name on. Here one name maps to different
# numbers on different pods, and the client does not carry the name at all (docs/semantics.md, "Ports":
# the selected pod for ingress, the peer pod for egress; name AND protocol).
@named-port @ports
Feature: Named ports resolve on each destination pod

  Background:
    Given the pods:
      | pod           | labels     | ports                  |
      | shop/server-1 | app=server | web:8080/TCP, 9090/TCP |
      | shop/server-2 | app=server | 8080/TCP, web:9090/TCP |
      | shop/client   | app=client | 8080/TCP, 9090/TCP     |

  @named-port-1 @ingress
  Scenario: an ingress named port resolves on each selected pod
    One policy allowing `web` into both servers opens 8080 on server-1 and 9090 on server-2, each pod's own number for the name, even though the client has no port named `web`.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web-in, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: server}}
        ingress:
          - from:
              - podSelector: {matchLabels: {app: client}}
            ports:
              - {port: web}
      """
    Then shop/client can connect to shop/server-1 on 8080/TCP
    And shop/client cannot connect to shop/server-1 on 9090/TCP
    And shop/client can connect to shop/server-2 on 9090/TCP
    And shop/client cannot connect to shop/server-2 on 8080/TCP

  @named-port-2 @egress
  Scenario: an egress named port resolves on each destination pod
    An egress rule for `web` lets the client reach each server on that server's own number for the name, and nothing else.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web-out, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: client}}
        policyTypes: [Egress]
        egress:
          - ports:
              - {port: web}
      """
    Then shop/client can connect to shop/server-1 on 8080/TCP
    And shop/client cannot connect to shop/server-1 on 9090/TCP
    And shop/client can connect to shop/server-2 on 9090/TCP
    And shop/client cannot connect to shop/server-2 on 8080/TCP

  @named-port-3 @ingress
  Scenario: a named port matches the name and the protocol together
    `{port: web, protocol: UDP}` does not match the TCP port named web: the servers are isolated and nothing reaches them.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web-udp-in, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: server}}
        ingress:
          - ports:
              - {port: web, protocol: UDP}
      """
    Then shop/client cannot connect to shop/server-1 on 8080/TCP
    And shop/client cannot connect to shop/server-2 on 9090/TCP

# Conformance catalogue (docs/catalogue.md): cases 18-28.
# Names follow the upstream e2e suite, kubernetes/kubernetes test/e2e/network/netpol/network_policy.go.
# Every cell not named in an expectation stays allowed; self (loopback) pairs are not judged.
# Cases 26-28 write SCTP or UDP into a policy but probe only TCP: like upstream, they apply to every
# target, also one without SCTP or UDP, so they carry no @sctp/@udp capability tag.
@ports
Feature: Ports, named ports and protocols

  Background:
    Given the x/y/z model

  @case-18 @ingress
  Scenario: should enforce policy based on Ports
    A rule with a namespace peer and port 81/TCP admits y into x/a on 81 only; on 80 nobody reaches x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-ns-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
            ports:
              - {port: 81, protocol: TCP}
      """
    Then on 81/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |
    And on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |

  @case-19 @ingress
  Scenario: should enforce multiple, stacked policies with overlapping podSelectors
    Two policies selecting the same pod add up port by port: y reaches x/a on 81 only, until a second policy opens 80 the same way.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-ns-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
            ports:
              - {port: 81, protocol: TCP}
      """
    Then on 81/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |
    And on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-ns-selector-80, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
            ports:
              - {port: 80, protocol: TCP}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |
    And on 81/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |

  @case-20 @ingress @named-port
  Scenario: should allow ingress access on one named port
    A named port resolves against the selected pod's container ports: `serve-81-tcp` opens 81 into x for everyone and leaves 80 closed.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-all, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - ports:
              - {port: serve-81-tcp}
      """
    Then on 81/TCP all flows are allowed
    And on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/* |

  @case-21 @ingress @named-port
  Scenario: should allow ingress access from namespace on one named port
    A namespace peer combined with the named port `serve-80-tcp` admits y into x/a on 80 only; 81 into x/a is closed to all, y included.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-ns-selector-80, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
            ports:
              - {port: serve-80-tcp, protocol: TCP}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |
    And on 81/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |

  @case-22 @egress @named-port
  Scenario: should allow egress access on one named port
    For egress a named port resolves against the destination pod: `serve-80-tcp` lets x out on 80 to everyone, and nothing leaves x on 81.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-egress, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - ports:
              - {port: serve-80-tcp}
      """
    Then on 80/TCP all flows are allowed
    And on 81/TCP all flows are allowed except:
      | from | to |
      | x/*  | *  |

  @case-23 @ingress @udp
  Scenario: should enforce ingress policy allowing any port traffic to a server on a specific protocol
    A port entry with only `protocol: TCP` means every TCP port: TCP/80 into x/a stays open while UDP/80 into x/a is denied.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ingress-by-proto, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - ports:
              - {protocol: TCP}
      """
    Then on 80/TCP all flows are allowed
    And on 80/UDP all flows are allowed except:
      | from | to  |
      | *    | x/a |

  @case-24 @ingress
  Scenario: should enforce multiple ingress policies with ingress allow-all policy taking precedence
    Policies are a union: an ingress policy for port 80 closes 81 into x, and an added allow-all ingress policy opens 81 again.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ingress-port-80, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - ports:
              - {port: 80}
      """
    Then on 81/TCP all flows are allowed except:
      | from | to  |
      | *    | x/* |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ingress, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - {}
      """
    Then on 81/TCP all flows are allowed

  @case-25 @egress
  Scenario: should enforce multiple egress policies with egress allow-all policy taking precedence
    The egress mirror of the previous case: an egress policy for port 80 closes 81 out of x, and an added allow-all egress policy opens it again.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-egress-port-80, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - ports:
              - {port: 80}
      """
    Then on 81/TCP all flows are allowed except:
      | from | to |
      | x/*  | *  |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-egress, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - {}
      """
    Then on 81/TCP all flows are allowed

  @case-26 @ingress @default-deny
  Scenario: should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP
    A rule for SCTP/81 does not open TCP/81: next to a default-deny in x, TCP/81 into x stays denied (a security hole otherwise, even without SCTP support).

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-ingress, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
      """
    And this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-only-sctp-ingress-on-port-81, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - ports:
              - {port: 81, protocol: SCTP}
      """
    Then on 81/TCP all flows are allowed except:
      | from | to  |
      | *    | x/* |

  @case-27 @ingress
  Scenario: should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP
    A policy that only allows SCTP/80 still isolates x/a, so TCP/81 into x/a is denied, also on a plugin without SCTP.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-only-sctp-ingress-on-port-80, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - ports:
              - {port: 80, protocol: SCTP}
      """
    Then on 81/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |

  @case-28 @ingress
  Scenario: should not allow access by TCP when a policy specifies only UDP
    A rule for UDP/81 does not open TCP/81: x/a is isolated and TCP/81 into it is denied.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-only-udp-ingress-on-port-81, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - ports:
              - {port: 81, protocol: UDP}
      """
    Then on 81/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |

# Conformance catalogue (docs/catalogue.md): cases 43-48, cases 1, 18
# and 15 probed over UDP (43-45) and SCTP (46-48). Names follow the upstream e2e suite's contexts
# "NetworkPolicy between server and client using UDP" / "... using SCTP" in
# kubernetes/kubernetes test/e2e/network/netpol/network_policy.go, suffixed to stay unique here.
# Every cell not named in an expectation stays allowed; self (loopback) pairs are not judged.
@ingress
Feature: UDP and SCTP variants of the core cases

  Background:
    Given the x/y/z model

  @case-43 @udp @default-deny
  Scenario: should support a 'default-deny-ingress' policy using UDP
    Case 1 over UDP: a policy that selects every pod of x for Ingress with no rules denies all UDP traffic into x.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-all, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
      """
    Then on 80/UDP all flows are allowed except:
      | from | to  |
      | *    | x/* |

  @case-44 @udp @ports
  Scenario: should enforce policy based on Ports using UDP
    Case 18 over UDP: a rule with a namespace peer and port 81/UDP admits only y into x/a on UDP/81.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ingress-on-port-81-ns-x, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
            ports:
              - {port: 81, protocol: UDP}
      """
    Then on 81/UDP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |

  @case-45 @udp
  Scenario: should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector using UDP
    Case 15 over UDP: a peer with namespace y AND pod=a admits exactly y/a into x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ns-y-pod-a-via-namespace-pod-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
                podSelector: {matchLabels: {pod: a}}
      """
    Then on 80/UDP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | y/b  | x/a |
      | y/c  | x/a |
      | z/*  | x/a |

  @case-46 @sctp @default-deny
  Scenario: should support a 'default-deny-ingress' policy using SCTP
    Case 1 over SCTP: a policy that selects every pod of x for Ingress with no rules denies all SCTP traffic into x.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-all, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
      """
    Then on 80/SCTP all flows are allowed except:
      | from | to  |
      | *    | x/* |

  @case-47 @sctp @ports
  Scenario: should enforce policy based on Ports using SCTP
    Case 18 over SCTP: a rule with a namespace peer and port 81/SCTP admits only y into x/a on SCTP/81.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ingress-on-port-81-ns-x, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
            ports:
              - {port: 81, protocol: SCTP}
      """
    Then on 81/SCTP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |

  @case-48 @sctp
  Scenario: should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector using SCTP
    Case 15 over SCTP: a peer with namespace y AND pod=a admits exactly y/a into x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ns-y-pod-a-via-namespace-pod-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
                podSelector: {matchLabels: {pod: a}}
      """
    Then on 80/SCTP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | y/b  | x/a |
      | y/c  | x/a |
      | z/*  | x/a |

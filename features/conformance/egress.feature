# Conformance catalogue (docs/catalogue.md): cases 29-35.
# Names follow the upstream e2e suite, kubernetes/kubernetes test/e2e/network/netpol/network_policy.go.
# Every cell not named in an expectation stays allowed; self (loopback) pairs are not judged.
@egress
Feature: Egress isolation and egress peers

  Background:
    Given the x/y/z model

  @case-29 @default-deny
  Scenario: should deny egress from pods based on PodSelector
    An Egress policy with no rules that selects x/a denies everything out of x/a and nothing else.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-egress-pod-a, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
      """
    Then on 80/TCP all flows are allowed except:
      | from | to |
      | x/a  | *  |

  @case-30 @default-deny
  Scenario: should deny egress from all pods in a namespace
    An Egress policy with no rules that selects every pod of x denies everything out of x, x to x included.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-egress-ns-x, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Egress]
      """
    Then on 80/TCP all flows are allowed except:
      | from | to |
      | x/*  | *  |

  @case-31 @ingress @ports
  Scenario: should work with Ingress, Egress specified together
    One policy can isolate both directions: ingress into x/a only from x/b (any port), egress from x/a only on port 80, so on 81 x/a cannot send anywhere.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-pod-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress, Ingress]
        ingress:
          - from:
              - podSelector: {matchLabels: {pod: b}}
        egress:
          - ports:
              - {port: 80}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |
    And on 81/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |
      | x/a  | *   |

  @case-32 @ingress
  Scenario: should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)
    A connection needs egress at the client AND ingress at the server: y/a and y/b admit x/a, but x/a's egress allows only y/a, so x/a reaches y/a and not y/b.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-to-ns-y-pod-a, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
                podSelector: {matchLabels: {pod: a}}
      """
    And this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-from-xa-on-ya-match-selector, namespace: "y"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Ingress]
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "x"}}
                podSelector: {matchLabels: {pod: a}}
      """
    And this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-from-xa-on-yb-match-selector, namespace: "y"}
      spec:
        podSelector: {matchLabels: {pod: b}}
        policyTypes: [Ingress]
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "x"}}
                podSelector: {matchLabels: {pod: a}}
      """
    Then the reachability on 80/TCP is:
      | from -> to | x/a | x/b | x/c | y/a | y/b | y/c | z/a | z/b | z/c |
      | x/a        | -   | X   | X   | .   | X   | X   | X   | X   | X   |
      | x/b        | .   | -   | .   | X   | X   | .   | .   | .   | .   |
      | x/c        | .   | .   | -   | X   | X   | .   | .   | .   | .   |
      | y/a        | .   | .   | .   | -   | X   | .   | .   | .   | .   |
      | y/b        | .   | .   | .   | X   | -   | .   | .   | .   | .   |
      | y/c        | .   | .   | .   | X   | X   | -   | .   | .   | .   |
      | z/a        | .   | .   | .   | X   | X   | .   | -   | .   | .   |
      | z/b        | .   | .   | .   | X   | X   | .   | .   | -   | .   |
      | z/c        | .   | .   | .   | X   | X   | .   | .   | .   | -   |

  @case-33
  Scenario: should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector
    An egress peer with namespace y AND pod=a lets x/a reach exactly y/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-to-ns-y-pod-a, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
                podSelector: {matchLabels: {pod: a}}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/a  | x/* |
      | x/a  | y/b |
      | x/a  | y/c |
      | x/a  | z/* |

  @case-34
  Scenario: should enforce policy based on NamespaceSelector with MatchExpressions using default ns label
    An egress namespaceSelector `kubernetes.io/metadata.name NotIn [y]` lets x/a reach x and z but not y.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ns-y-match-selector-for-immutable-ns-label, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - namespaceSelector:
                  matchExpressions:
                    - {key: kubernetes.io/metadata.name, operator: NotIn, values: ["y"]}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/a  | y/* |

  @case-35 @ingress @update
  Scenario: should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector
    Ingress and egress isolation are independent: an allow-all egress policy on x/a changes nothing, and a deny-ingress policy added on x/a closes x/a's ingress only.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-egress-for-target, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - {}
      """
    Then on 80/TCP all flows are allowed
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-ingress-via-label-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Ingress]
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |

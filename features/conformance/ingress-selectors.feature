# Conformance catalogue (docs/catalogue.md): cases 5-17.
# Names follow the upstream e2e suite, kubernetes/kubernetes test/e2e/network/netpol/network_policy.go.
# Every cell not named in an expectation stays allowed; self (loopback) pairs are not judged.
@ingress
Feature: Ingress peers selected by pod and namespace selectors

  Background:
    Given the x/y/z model

  @case-5
  Scenario: should enforce policy to allow traffic from pods within server namespace based on PodSelector
    A podSelector alone picks pods of the policy's own namespace: only x/b reaches x/a, and pod b of other namespaces does not.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: x-a-allows-x-b, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - podSelector: {matchLabels: {pod: b}}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |

  @case-6 @default-deny
  Scenario: should enforce policy to allow ingress traffic for a target
    Policies are additive: next to a default-deny in x, a policy allowing everything into x/a opens x/a to all while x/b and x/c stay closed.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-all, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
      """
    And this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-all-to-a, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - podSelector: {}
                namespaceSelector: {}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/b |
      | *    | x/c |

  @case-7
  Scenario: should enforce policy to allow ingress traffic from pods in all namespaces
    An empty namespaceSelector matches every namespace, so x/a isolated by it is still reachable from every pod.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-from-another-ns, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {}
      """
    Then on 80/TCP all flows are allowed

  @case-8
  Scenario: should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector
    A namespaceSelector alone admits every pod of the matching namespace and nothing else: only y reaches x/a, not x itself and not z.
    (Upstream selects the namespace by its kubernetes.io/metadata.name label, as case 17 does; the two differ upstream only in the constant's name.)

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
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |

  @case-9
  Scenario: should enforce policy based on PodSelector with MatchExpressions
    A podSelector written as matchExpressions `pod In [b]` selects like matchLabels `pod: b`: only x/b reaches x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: x-a-allows-x-b, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - podSelector:
                  matchExpressions:
                    - {key: pod, operator: In, values: [b]}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |

  @case-10
  Scenario: should enforce policy based on NamespaceSelector with MatchExpressions
    A namespaceSelector written as matchExpressions `In [y]` admits all of y and nothing else into x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ns-y-match-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector:
                  matchExpressions:
                    - {key: kubernetes.io/metadata.name, operator: In, values: ["y"]}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |

  @case-11
  Scenario: should enforce policy based on PodSelector or NamespaceSelector
    Two peer elements are ORed: "namespace NotIn [x]" or "pod=b" admits all of y and z plus x/b, so only x/c is denied into x/a (x/a to itself is a self pair).

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ns-y-match-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector:
                  matchExpressions:
                    - {key: kubernetes.io/metadata.name, operator: NotIn, values: ["x"]}
              - podSelector: {matchLabels: {pod: b}}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |

  @case-12
  Scenario: should enforce policy based on PodSelector and NamespaceSelector
    Both selectors in ONE peer element are ANDed: only pods b of namespaces other than x (y/b and z/b) reach x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ns-y-podselector-and-nsselector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector:
                  matchExpressions:
                    - {key: kubernetes.io/metadata.name, operator: NotIn, values: ["x"]}
                podSelector: {matchLabels: {pod: b}}
      """
    Then the reachability on 80/TCP is:
      | from -> to | x/a | x/b | x/c | y/a | y/b | y/c | z/a | z/b | z/c |
      | x/a        | -   | .   | .   | .   | .   | .   | .   | .   | .   |
      | x/b        | X   | -   | .   | .   | .   | .   | .   | .   | .   |
      | x/c        | X   | .   | -   | .   | .   | .   | .   | .   | .   |
      | y/a        | X   | .   | .   | -   | .   | .   | .   | .   | .   |
      | y/b        | .   | .   | .   | .   | -   | .   | .   | .   | .   |
      | y/c        | X   | .   | .   | .   | .   | -   | .   | .   | .   |
      | z/a        | X   | .   | .   | .   | .   | .   | -   | .   | .   |
      | z/b        | .   | .   | .   | .   | .   | .   | .   | -   | .   |
      | z/c        | X   | .   | .   | .   | .   | .   | .   | .   | -   |

  @case-13
  Scenario: should enforce policy based on Multiple PodSelectors and NamespaceSelectors
    One peer element with "namespace NotIn [x]" AND "pod In [b, c]" admits pods b and c of y and z only: all of x and pods a elsewhere are denied into x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ns-y-z-pod-b-c, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector:
                  matchExpressions:
                    - {key: kubernetes.io/metadata.name, operator: NotIn, values: ["x"]}
                podSelector:
                  matchExpressions:
                    - {key: pod, operator: In, values: [b, c]}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | */a  | x/a |

  @case-14
  Scenario: should enforce policy based on any PodSelectors
    Two podSelector peers are ORed within the policy's namespace: x/b and x/c reach x/a, every other namespace is denied.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-ns-x-pod-b-c, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - podSelector: {matchLabels: {pod: b}}
              - podSelector: {matchLabels: {pod: c}}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | y/*  | x/a |
      | z/*  | x/a |

  @case-15
  Scenario: should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector
    A peer with namespace y AND pod=a admits exactly y/a into x/a.

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
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | y/b  | x/a |
      | y/c  | x/a |
      | z/*  | x/a |

  @case-16
  Scenario: should deny ingress from pods on other namespaces
    An empty podSelector peer means every pod of the policy's namespace, not of all namespaces: x talks to x, y and z are shut out of x.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-empty-policy, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - from:
              - podSelector: {}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | y/*  | x/* |
      | z/*  | x/* |

  @case-17
  Scenario: should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label
    Every namespace carries the immutable label kubernetes.io/metadata.name, so selecting `kubernetes.io/metadata.name: y` admits exactly namespace y into x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-ns-selector-for-immutable-ns-label, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |

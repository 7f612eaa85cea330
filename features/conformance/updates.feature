# Conformance catalogue (docs/catalogue.md): cases 39-42.
# Names follow the upstream e2e suite, kubernetes/kubernetes test/e2e/network/netpol/network_policy.go.
# Every cell not named in an expectation stays allowed; self (loopback) pairs are not judged.
@update @ingress
Feature: Updated policies, relabelled namespaces and pods

  Background:
    Given the x/y/z model

  @case-39 @default-deny
  Scenario: should enforce updated policy
    Updating an allow-all ingress policy in place to `ingress: []` turns it into a default deny for x.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-all-mutate-to-deny-all, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
        ingress:
          - {}
      """
    Then on 81/TCP all flows are allowed
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-all-mutate-to-deny-all, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
        ingress: []
      """
    Then on 81/TCP all flows are allowed except:
      | from | to  |
      | *    | x/* |

  @case-40
  Scenario: should allow ingress access from updated namespace
    A namespaceSelector is evaluated against the namespaces' current labels: y reaches x/a once y gets the label `ns2=updated`.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-ns-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {ns2: updated}}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |
    When namespace "y" is labelled "ns2=updated"
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |

  @case-41
  Scenario: should allow ingress access from updated pod
    A podSelector peer is evaluated against the pods' current labels: x/b reaches x/a once it also carries `pod2=updated`.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-pod-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - podSelector: {matchLabels: {pod: b, pod2: updated}}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |
    When pod "x/b" is labelled "pod2=updated"
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |

  @case-42 @default-deny
  Scenario: should deny ingress access to updated pod
    A policy's podSelector is evaluated against current labels: x/a becomes isolated as soon as it gets the label `target=isolated`.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-ingress-via-label-selector, namespace: "x"}
      spec:
        podSelector: {matchLabels: {target: isolated}}
        policyTypes: [Ingress]
      """
    Then on 80/TCP all flows are allowed
    When pod "x/a" is labelled "target=isolated"
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |

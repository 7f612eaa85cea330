# Conformance catalogue (docs/catalogue.md): cases 1-4.
# Names follow the upstream e2e suite, kubernetes/kubernetes test/e2e/network/netpol/network_policy.go.
# Every cell not named in an expectation stays allowed; self (loopback) pairs are not judged.
@default-deny
Feature: Default deny, allow-all and deletion

  Background:
    Given the x/y/z model

  @case-1 @ingress
  Scenario: should support a 'default-deny-ingress' policy
    A policy that selects every pod of x for Ingress and has no rules denies all traffic into x, x to x included, and leaves traffic out of x alone.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-ingress, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/* |

  @case-2 @ingress @egress
  Scenario: should support a 'default-deny-all' policy
    A policy that selects every pod of x for Ingress and Egress with no rules denies everything into and out of x.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-all, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress, Egress]
      """
    Then the reachability on 80/TCP is:
      | from -> to | x/a | x/b | x/c | y/a | y/b | y/c | z/a | z/b | z/c |
      | x/a        | -   | X   | X   | X   | X   | X   | X   | X   | X   |
      | x/b        | X   | -   | X   | X   | X   | X   | X   | X   | X   |
      | x/c        | X   | X   | -   | X   | X   | X   | X   | X   | X   |
      | y/a        | X   | X   | X   | -   | .   | .   | .   | .   | .   |
      | y/b        | X   | X   | X   | .   | -   | .   | .   | .   | .   |
      | y/c        | X   | X   | X   | .   | .   | -   | .   | .   | .   |
      | z/a        | X   | X   | X   | .   | .   | .   | -   | .   | .   |
      | z/b        | X   | X   | X   | .   | .   | .   | .   | -   | .   |
      | z/c        | X   | X   | X   | .   | .   | .   | .   | .   | -   |

  @case-3 @ingress @ports
  Scenario: should support allow-all policy
    A policy with one empty ingress rule selects every pod of x and still allows everything, on every port.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-all, namespace: "x"}
      spec:
        podSelector: {}
        ingress:
          - {}
      """
    Then on 80/TCP all flows are allowed
    And on 81/TCP all flows are allowed

  @case-4 @ingress @egress @update
  Scenario: should stop enforcing policies after they are deleted
    Deleting a deny-all policy restores all traffic into and out of x: nothing of the deleted policy stays enforced.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-all, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress, Egress]
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/* |
      | x/*  | *   |
    When all policies are deleted
    Then on 80/TCP all flows are allowed

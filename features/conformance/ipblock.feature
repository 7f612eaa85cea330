# Conformance catalogue (docs/catalogue.md): cases 36-38.
# Names follow the upstream e2e suite, kubernetes/kubernetes test/e2e/network/netpol/network_policy.go.
# Every cell not named in an expectation stays allowed; self (loopback) pairs are not judged.
#
# These cases match POD addresses with ipBlock. docs/semantics.md: that is implementation-defined (the
# upstream suite expects it to work; Cilium does not match pod IPs), hence @impl-defined and the
# capability tag @ipblock-pod-ip. Pod addresses are assigned, so the policies use the templates
# {{ip ns/pod}} and {{net ns/pod N}}. Upstream's "large CIDR" around the pod is its /4 network.
@ipblock @ipblock-pod-ip @impl-defined @egress
Feature: ipBlock peers on pod addresses

  Background:
    Given the x/y/z model

  @case-36
  Scenario: should allow egress access to server in CIDR block
    An egress ipBlock holding only y/b's address (/32) lets x/a reach y/b and nothing else.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-cidr-egress-rule, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock: {cidr: "{{ip y/b}}/32"}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/a  | x/* |
      | x/a  | y/a |
      | x/a  | y/c |
      | x/a  | z/* |

  @case-37
  Scenario: should enforce except clause while egress access to server in CIDR block
    An address in an ipBlock's `except` is not matched: x/a may reach the whole network around x/b except x/b itself.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-cidr-egress-rule, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock:
                  cidr: "{{net x/b 4}}"
                  except: ["{{ip x/b}}/32"]
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/a  | x/b |

  @case-38 @update
  Scenario: should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed
    Updating the policy of the previous case in place to allow only x/b/32 makes x/b the one address x/a can reach: the old except no longer applies.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-cidr-egress-rule, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock:
                  cidr: "{{net x/b 4}}"
                  except: ["{{ip x/b}}/32"]
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/a  | x/b |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-client-a-via-cidr-egress-rule, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock: {cidr: "{{ip x/b}}/32"}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/a  | x/c |
      | x/a  | y/* |
      | x/a  | z/* |

# Conformance catalogue (docs/catalogue.md): rules the upstream e2e suite has no data-plane check
# for, many of them past bugs of real plugins (docs/semantics.md, "Known divergences").
# The endPort ranges need pods serving 79-82 and live in endport-ranges.feature.
# Every cell not named in an expectation stays allowed; self (loopback) pairs are not judged.
Feature: Beyond upstream: defaults, past plugin bugs, external hosts, replies and lifecycle

  Background:
    Given the x/y/z model

  # ---- Ports and protocols ----------------------------------------------------------------------

  @beyond-1 @ingress @ports @udp
  Scenario: an empty port entry means every TCP port and nothing else
    `ports: [{}]` defaults its protocol to TCP and leaves the port open, so x/a accepts TCP on 80 and 81 but not UDP (a past Cilium bug).

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: empty-port-entry, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - ports:
              - {}
      """
    Then on 80/TCP all flows are allowed
    And on 81/TCP all flows are allowed
    And on 80/UDP all flows are allowed except:
      | from | to  |
      | *    | x/a |

  @beyond-2 @ingress @ports @udp
  Scenario: a port without protocol means TCP
    `{port: 80}` with no protocol is TCP/80 only: UDP/80 into x/a stays denied (a past Calico bug treated it as any protocol).

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: port-80-no-protocol, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - ports:
              - {port: 80}
      """
    Then on 80/TCP all flows are allowed
    And on 80/UDP all flows are allowed except:
      | from | to  |
      | *    | x/a |
    And on 81/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |

  @beyond-3 @ingress @ports
  Scenario: a single-port rule next to an all-ports rule does not narrow it
    Rules are ORed: x/b is allowed into x/a on every port by one rule, and a second rule for the same peer on port 80 only must not take 81 away (a past Calico bug).

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: all-ports-and-port-80, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - podSelector: {matchLabels: {pod: b}}
          - from:
              - podSelector: {matchLabels: {pod: b}}
            ports:
              - {port: 80, protocol: TCP}
      """
    Then on 81/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |
    And on 80/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |

  @beyond-4 @ingress @ports
  Scenario: a single-port policy next to an all-ports policy does not narrow it
    Policies are a union: a second policy allowing x/b into x/a on port 80 only leaves the first policy's all-ports allowance intact.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: b-all-ports, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - podSelector: {matchLabels: {pod: b}}
      """
    And this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: b-port-80, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - podSelector: {matchLabels: {pod: b}}
            ports:
              - {port: 80, protocol: TCP}
      """
    Then on 81/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |

  # ---- policyTypes defaulting ---------------------------------------------------------------------

  @beyond-5 @egress @ingress @default-deny
  Scenario: egress rules without policyTypes make a policy for both directions
    Absent policyTypes default to Ingress plus Egress when there are egress rules: x/a may only send to x/b, and with no ingress rules nothing may reach x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: egress-rules-only, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        egress:
          - to:
              - podSelector: {matchLabels: {pod: b}}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |
      | x/a  | x/c |
      | x/a  | y/* |
      | x/a  | z/* |

  @beyond-6 @egress @ingress
  Scenario: an empty egress list without policyTypes does not make an egress policy
    `egress: []` adds no Egress to the defaulted policyTypes, so next to an allow-all ingress rule x/a stays unrestricted in both directions.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: empty-egress-list, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - {}
        egress: []
      """
    Then on 80/TCP all flows are allowed

  @beyond-7 @egress @default-deny
  Scenario: an empty egress list with Egress in policyTypes denies all egress
    The accepted counterpart of the previous scenario: with Egress listed, `egress: []` isolates x/a for egress and allows nothing out.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: empty-egress-list, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Ingress, Egress]
        ingress:
          - {}
        egress: []
      """
    Then on 80/TCP all flows are allowed except:
      | from | to |
      | x/a  | *  |

  @beyond-8 @egress @ingress
  Scenario: a rule section for a direction not in policyTypes is ignored
    With policyTypes [Ingress] the egress rules are not enforced: x/a is isolated for ingress (from x/b only) and may still send anywhere.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: ingress-only, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Ingress]
        ingress:
          - from:
              - podSelector: {matchLabels: {pod: b}}
        egress:
          - to:
              - podSelector: {matchLabels: {pod: b}}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/c  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |

  # ---- ipBlock with host bits set ---------------------------------------------------------------

  @beyond-9 @ipblock @validation
  Scenario: an ipBlock written with host bits set is rejected by strict validation
    Strict CIDR validation (default on since Kubernetes 1.36) rejects `10.10.1.12/24`; the same block written as its network is accepted.

    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: host-bits, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock: {cidr: 10.10.1.12/24}
      """
    Then it is rejected with "spec.egress[0].to[0].ipBlock.cidr: must not have bits set beyond the prefix length"
    When this policy is validated:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: host-bits, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock: {cidr: 10.10.1.0/24}
      """
    Then it is accepted

  @beyond-10 @ipblock @egress @external @impl-defined
  Scenario: an ipBlock with host bits set that was accepted is enforced as its network
    Where the API server accepts it (before strict validation), `192.168.5.99/24` means 192.168.5.0/24: x/a reaches the external host 192.168.5.10 (a past Antrea bug matched nothing).

    Given the external hosts:
      | host   | address      | ports  |
      | backup | 192.168.5.10 | 80/TCP |
    And the API server validates CIDRs leniently
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: host-bits, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock: {cidr: 192.168.5.99/24}
      """
    Then x/a can connect to backup on 80/TCP
    And on 80/TCP all flows are allowed except:
      | from | to  |
      | x/a  | x/* |
      | x/a  | y/* |
      | x/a  | z/* |

  # ---- External hosts ---------------------------------------------------------------------------

  @beyond-11 @ipblock @ingress @external
  Scenario: ingress from external hosts through an ipBlock with except
    An ipBlock admits the external addresses it holds minus its `except`: backup reaches x/a, other (excepted) does not, and pods (outside the block) do not either.

    Given the external hosts:
      | host   | address      | ports  |
      | backup | 192.168.5.10 | 80/TCP |
      | other  | 192.168.5.20 | 80/TCP |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: from-lab-network, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Ingress]
        ingress:
          - from:
              - ipBlock:
                  cidr: 192.168.5.0/24
                  except: [192.168.5.20/32]
      """
    Then on 80/TCP all flows are allowed except:
      | from  | to  |
      | other | x/a |
      | x/*   | x/a |
      | y/*   | x/a |
      | z/*   | x/a |

  @beyond-12 @ipblock @egress @external
  Scenario: egress to external hosts through an ipBlock with except
    An egress ipBlock lets x/a reach the external addresses it holds minus its `except`: backup yes, other (excepted) no, pods (outside the block) no.

    Given the external hosts:
      | host   | address      | ports  |
      | backup | 192.168.5.10 | 80/TCP |
      | other  | 192.168.5.20 | 80/TCP |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: to-lab-network, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock:
                  cidr: 192.168.5.0/24
                  except: [192.168.5.20/32]
      """
    Then on 80/TCP all flows are allowed except:
      | from | to    |
      | x/a  | other |
      | x/a  | x/*   |
      | x/a  | y/*   |
      | x/a  | z/*   |

  @beyond-13 @ipblock @egress @external
  Scenario: an address excluded by one ipBlock's except is allowed by another peer
    `except` only narrows its own ipBlock: a second peer holding 192.168.5.20/32 lets x/a reach the excepted host after all.

    Given the external hosts:
      | host   | address      | ports  |
      | backup | 192.168.5.10 | 80/TCP |
      | other  | 192.168.5.20 | 80/TCP |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: to-lab-network, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock:
                  cidr: 192.168.5.0/24
                  except: [192.168.5.20/32]
              - ipBlock: {cidr: 192.168.5.20/32}
      """
    Then x/a can connect to other on 80/TCP
    And x/a can connect to backup on 80/TCP
    And x/a cannot connect to y/a on 80/TCP

  # ---- Reply traffic ----------------------------------------------------------------------------
  # A probe is a real connection: a TCP connect succeeds only when the server's SYN-ACK gets back to
  # the client, and a UDP probe only when the server's answer does. So an allowed probe proves that
  # the reply passed, even where a new connection in the reply's direction is denied.

  @beyond-14 @ingress @egress
  Scenario: replies reach a client whose ingress is denied
    x/a denies all ingress yet connects to x/b: the replies from x/b are part of x/a's allowed connection, while x/b cannot open a connection to x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-ingress-a, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Ingress]
      """
    Then x/a can connect to x/b on 80/TCP
    And x/b cannot connect to x/a on 80/TCP

  @beyond-15 @ingress @egress
  Scenario: replies leave a server whose egress is denied
    x/b denies all egress yet x/a connects to it: x/b's replies belong to an allowed connection, while x/b cannot open a connection to x/a.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-egress-b, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: b}}
        policyTypes: [Egress]
      """
    Then x/a can connect to x/b on 80/TCP
    And x/b cannot connect to x/a on 80/TCP

  @beyond-16 @ingress @egress @udp
  Scenario: UDP replies pass both ways against the new-connection direction
    The UDP answer of x/b passes x/b's egress deny and x/a's ingress deny, because it answers x/a's allowed request.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-ingress-a, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Ingress]
      """
    And this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-egress-b, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: b}}
        policyTypes: [Egress]
      """
    Then x/a can connect to x/b on 80/UDP
    And x/b cannot connect to x/a on 80/UDP

  # ---- Lifecycle: delete and recreate, relabel, delete a pod ------------------------------------

  @beyond-17 @update @default-deny @ingress @egress
  Scenario: a deleted and recreated policy is enforced again
    Deleting one policy by name opens x, and creating it again under the same name closes x again (no stale state either way).

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
    When the policy "x/deny-all" is deleted
    Then on 80/TCP all flows are allowed
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

  @beyond-18 @update @ingress
  Scenario: a namespace relabelled into and out of a namespaceSelector
    A namespace gains and loses a peer's admission with its label: y reaches x/a while it carries `team=blue`, and no longer once the label is removed.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: from-team-blue, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - from:
              - namespaceSelector: {matchLabels: {team: blue}}
      """
    When namespace "y" is labelled "team=blue"
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | z/*  | x/a |
    When namespace "y" is labelled "team-"
    And namespace "z" is labelled "team=blue"
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | y/*  | x/a |

  @beyond-19 @update @ingress @default-deny
  Scenario: a pod relabelled into and out of a policy's podSelector
    Isolation follows the selected pod's labels: x/b is isolated while it carries `role=locked` and open again once the label is removed, while x/c stays open throughout.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: lock-down, namespace: "x"}
      spec:
        podSelector: {matchLabels: {role: locked}}
        policyTypes: [Ingress]
      """
    And pod "x/b" is labelled "role=locked"
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/b |
    When pod "x/b" is labelled "role-"
    Then on 80/TCP all flows are allowed

  @beyond-20 @update @ingress
  Scenario: a peer pod relabelled out of a podSelector loses its admission
    A peer's admission follows its current labels: x/b reaches x/a while labelled `pod=b`, and not once relabelled `pod=d`.

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
    Then x/b can connect to x/a on 80/TCP
    When pod "x/b" is labelled "pod=d"
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | x/*  | x/a |
      | y/*  | x/a |
      | z/*  | x/a |

  @beyond-21 @update @ingress
  Scenario: the remaining pods are enforced after a pod is deleted
    Deleting the only admitted peer leaves x/a isolated with nothing admitted, and every other pod's traffic unchanged.

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
    When pod "x/b" is deleted
    Then on 80/TCP all flows are allowed except:
      | from | to  |
      | *    | x/a |

  # ---- Named ports and external hosts -----------------------------------------------------------

  @beyond-22 @ingress @named-port @external
  Scenario: an ingress named port resolves on the destination pod, also for an external client
    The name `serve-80-tcp` is looked up in x/a's container ports, never in the client's: an external host (which has no named ports) reaches x/a on 80 and not on 81 (the AWS VPC CNI agent looked it up on the source).

    Given the external hosts:
      | host   | address      | ports  |
      | backup | 192.168.5.10 | 80/TCP |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: named-80-in, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        ingress:
          - ports:
              - {port: serve-80-tcp}
      """
    Then backup can connect to x/a on 80/TCP
    And backup cannot connect to x/a on 81/TCP
    And y/a can connect to x/a on 80/TCP

  @beyond-23 @egress @named-port @external
  Scenario: an egress named port never matches an external destination
    A named port resolves against the destination pod's container ports, and an external host has none: x/a may send to every pod on 80 but not to the external host.

    Given the external hosts:
      | host   | address      | ports  |
      | backup | 192.168.5.10 | 80/TCP |
    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: named-80-out, namespace: "x"}
      spec:
        podSelector: {matchLabels: {pod: a}}
        policyTypes: [Egress]
        egress:
          - ports:
              - {port: serve-80-tcp}
      """
    Then on 80/TCP all flows are allowed except:
      | from | to     |
      | x/a  | backup |

  @beyond-24 @ingress
  Scenario: a policy of both types: its ingress rules never let out what its egress rules do not
    Each direction is judged on its own rules: a policy selecting every pod of x that lets everything in but only 80/TCP out keeps x's pods from sending on 81, to each other too, although the receiving pod's ingress allows it.

    When this policy is applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: all-in-80-out, namespace: "x"}
      spec:
        podSelector: {}
        policyTypes: [Ingress, Egress]
        ingress:
          - {}
        egress:
          - ports:
              - {port: 80, protocol: TCP}
      """
    Then on 80/TCP all flows are allowed
    And on 81/TCP all flows are allowed except:
      | from | to |
      | x/*  | *  |

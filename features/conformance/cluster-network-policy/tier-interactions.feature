# How the tiers combine, where the upstream conformance suite does not look: each consequence of the
# evaluation order (Admin tier, NetworkPolicy tier, Baseline tier, default allow; see
# docs/semantics.md, "Cluster-scoped policy tiers"), once in v1alpha2 (ClusterNetworkPolicy) and once in v1alpha1
# (AdminNetworkPolicy / BaselineAdminNetworkPolicy) for the same intent: both versions must give
# the same answers.
@cluster-network-policy @tier-interactions
Feature: how the Admin, NetworkPolicy and Baseline tiers combine

  Background:
    Given the network policy API conformance model

  Scenario Outline: an Admin egress <accept> does not bypass the ingress verdict at the destination (<version>)
    The Admin tier decides egress at gryffindor; ravenclaw's own NetworkPolicy still decides ingress
    there. At the source, the same <accept> does lift gryffindor's NetworkPolicy.

    When these manifests are applied:
      """
      apiVersion: <apiVersion>
      kind: <kind>
      metadata: {name: accept-to-ravenclaw-and-hufflepuff}
      spec:
        <tier>
        priority: 5
        subject: {namespaces: {matchLabels: {conformance-house: gryffindor}}}
        egress:
        - {name: accept-out, action: <accept>, to: [{namespaces: {matchExpressions: [{key: conformance-house, operator: In, values: [ravenclaw, hufflepuff]}]}}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-all-egress, namespace: gryffindor}
      spec: {podSelector: {}, policyTypes: [Egress]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-all-ingress, namespace: ravenclaw}
      spec: {podSelector: {}, policyTypes: [Ingress]}
      """
    Then these flows are:
      | from                      | to                          | port   | reachability |
      | gryffindor/harry-potter-0 | ravenclaw/luna-lovegood-0   | 80/TCP | denied       |
      | gryffindor/harry-potter-0 | hufflepuff/cedric-diggory-0 | 80/TCP | allowed      |
      | gryffindor/harry-potter-0 | slytherin/draco-malfoy-0    | 80/TCP | denied       |

    @cnp
    Examples: v1alpha2
      | version  | apiVersion                         | kind                 | tier        | accept |
      | v1alpha2 | policy.networking.k8s.io/v1alpha2  | ClusterNetworkPolicy | tier: Admin | Accept |

    @anp
    Examples: v1alpha1
      | version  | apiVersion                         | kind                 | tier        | accept |
      | v1alpha1 | policy.networking.k8s.io/v1alpha1  | AdminNetworkPolicy   |             | Allow  |

  Scenario Outline: an Admin Deny cannot be undone by any NetworkPolicy (<version>)
    gryffindor allows all ingress with its own NetworkPolicy; the Admin Deny from slytherin wins.

    When these manifests are applied:
      """
      apiVersion: <apiVersion>
      kind: <kind>
      metadata: {name: deny-from-slytherin}
      spec:
        <tier>
        priority: 3
        subject: {namespaces: {matchLabels: {conformance-house: gryffindor}}}
        ingress:
        - {name: deny-slytherin, action: Deny, from: [{namespaces: {matchLabels: {conformance-house: slytherin}}}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-all-ingress, namespace: gryffindor}
      spec: {podSelector: {}, ingress: [{}]}
      """
    Then these flows are:
      | from                        | to                        | port     | reachability |
      | slytherin/draco-malfoy-0    | gryffindor/harry-potter-0 | 80/TCP   | denied       |
      | slytherin/draco-malfoy-1    | gryffindor/harry-potter-1 | 8080/TCP | denied       |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-0 | 80/TCP   | allowed      |

    @cnp
    Examples: v1alpha2
      | version  | apiVersion                         | kind                 | tier        |
      | v1alpha2 | policy.networking.k8s.io/v1alpha2  | ClusterNetworkPolicy | tier: Admin |

    @anp
    Examples: v1alpha1
      | version  | apiVersion                         | kind                 | tier        |
      | v1alpha1 | policy.networking.k8s.io/v1alpha1  | AdminNetworkPolicy   |             |

  Scenario Outline: a NetworkPolicy that isolates a pod overrides every Baseline rule (<version>)
    The Baseline tier denies slytherin and accepts hufflepuff into gryffindor. gryffindor's
    NetworkPolicy isolates harry-potter-0 and allows slytherin only: for that pod the NetworkPolicy
    decides both ways. harry-potter-1 is not isolated, so the Baseline tier decides for it.

    When these manifests are applied:
      """
      apiVersion: <apiVersion>
      kind: <kind>
      metadata: {name: <name>}
      spec:
        <tier>
        <priority>
        subject: {namespaces: {matchLabels: {conformance-house: gryffindor}}}
        ingress:
        - {name: deny-slytherin, action: Deny, from: [{namespaces: {matchLabels: {conformance-house: slytherin}}}]}
        - {name: accept-hufflepuff, action: <accept>, from: [{namespaces: {matchLabels: {conformance-house: hufflepuff}}}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-slytherin, namespace: gryffindor}
      spec:
        podSelector: {matchLabels: {role: guarded}}
        ingress: [{from: [{namespaceSelector: {matchLabels: {conformance-house: slytherin}}}]}]
      """
    And pod "gryffindor/harry-potter-0" is labelled "role=guarded"
    Then these flows are:
      | from                        | to                        | port   | reachability |
      | slytherin/draco-malfoy-0    | gryffindor/harry-potter-0 | 80/TCP | allowed      |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-0 | 80/TCP | denied       |
      | slytherin/draco-malfoy-0    | gryffindor/harry-potter-1 | 80/TCP | denied       |
      | hufflepuff/cedric-diggory-0 | gryffindor/harry-potter-1 | 80/TCP | allowed      |

    @cnp
    Examples: v1alpha2
      | version  | apiVersion                         | kind                       | name     | tier           | priority     | accept |
      | v1alpha2 | policy.networking.k8s.io/v1alpha2  | ClusterNetworkPolicy       | baseline | tier: Baseline | priority: 50 | Accept |

    @anp
    Examples: v1alpha1
      | version  | apiVersion                         | kind                       | name     | tier           | priority     | accept |
      | v1alpha1 | policy.networking.k8s.io/v1alpha1  | BaselineAdminNetworkPolicy | default  |                |              | Allow  |

  Scenario Outline: Pass lets the NetworkPolicy decide, and where none isolates the pod the Baseline tier (<version>)
    The Admin tier passes slytherin's traffic to gryffindor on. harry-potter-0 is isolated by a
    NetworkPolicy that allows slytherin; harry-potter-1 is not, so the Baseline Deny applies to it.
    Without the Pass, the Admin Accept below it would have allowed both.

    When these manifests are applied:
      """
      apiVersion: <apiVersion>
      kind: <admin kind>
      metadata: {name: pass-slytherin}
      spec:
        <admin tier>
        priority: 1
        subject: {namespaces: {matchLabels: {conformance-house: gryffindor}}}
        ingress:
        - {name: pass-slytherin, action: Pass, from: [{namespaces: {matchLabels: {conformance-house: slytherin}}}]}
        - {name: accept-slytherin, action: <accept>, from: [{namespaces: {matchLabels: {conformance-house: slytherin}}}]}
      ---
      apiVersion: <apiVersion>
      kind: <baseline kind>
      metadata: {name: <baseline name>}
      spec:
        <baseline tier>
        <baseline priority>
        subject: {namespaces: {matchLabels: {conformance-house: gryffindor}}}
        ingress:
        - {name: deny-slytherin, action: Deny, from: [{namespaces: {matchLabels: {conformance-house: slytherin}}}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: allow-slytherin, namespace: gryffindor}
      spec:
        podSelector: {matchLabels: {role: guarded}}
        ingress: [{from: [{namespaceSelector: {matchLabels: {conformance-house: slytherin}}}]}]
      """
    And pod "gryffindor/harry-potter-0" is labelled "role=guarded"
    Then these flows are:
      | from                     | to                        | port     | reachability |
      | slytherin/draco-malfoy-0 | gryffindor/harry-potter-0 | 80/TCP   | allowed      |
      | slytherin/draco-malfoy-1 | gryffindor/harry-potter-0 | 8080/TCP | allowed      |
      | slytherin/draco-malfoy-0 | gryffindor/harry-potter-1 | 80/TCP   | denied       |
    When the <admin kind> "pass-slytherin" swaps its ingress rules 0 and 1
    Then these flows are:
      | from                     | to                        | port   | reachability |
      | slytherin/draco-malfoy-0 | gryffindor/harry-potter-1 | 80/TCP | allowed      |

    @cnp
    Examples: v1alpha2
      | version  | apiVersion                         | admin kind           | admin tier  | accept | baseline kind              | baseline name | baseline tier  | baseline priority |
      | v1alpha2 | policy.networking.k8s.io/v1alpha2  | ClusterNetworkPolicy | tier: Admin | Accept | ClusterNetworkPolicy       | baseline      | tier: Baseline | priority: 9       |

    @anp
    Examples: v1alpha1
      | version  | apiVersion                         | admin kind           | admin tier  | accept | baseline kind              | baseline name | baseline tier  | baseline priority |
      | v1alpha1 | policy.networking.k8s.io/v1alpha1  | AdminNetworkPolicy   |             | Allow  | BaselineAdminNetworkPolicy | default       |                |                   |

  Scenario Outline: a cluster-scoped Accept isolates nothing (<version>)
    Unlike a NetworkPolicy, a policy whose only rule accepts ravenclaw does not deny anything else.

    When these manifests are applied:
      """
      apiVersion: <apiVersion>
      kind: <kind>
      metadata: {name: accept-ravenclaw}
      spec:
        <tier>
        priority: 7
        subject: {namespaces: {matchLabels: {conformance-house: gryffindor}}}
        ingress:
        - {name: accept-ravenclaw, action: <accept>, from: [{namespaces: {matchLabels: {conformance-house: ravenclaw}}}]}
      """
    Then these flows are:
      | from                        | to                        | port   | reachability |
      | ravenclaw/luna-lovegood-0   | gryffindor/harry-potter-0 | 80/TCP | allowed      |
      | slytherin/draco-malfoy-0    | gryffindor/harry-potter-0 | 80/TCP | allowed      |
      | hufflepuff/cedric-diggory-1 | gryffindor/harry-potter-1 | 80/TCP | allowed      |

    @cnp
    Examples: v1alpha2
      | version  | apiVersion                         | kind                 | tier        | accept |
      | v1alpha2 | policy.networking.k8s.io/v1alpha2  | ClusterNetworkPolicy | tier: Admin | Accept |

    @anp
    Examples: v1alpha1
      | version  | apiVersion                         | kind                 | tier        | accept |
      | v1alpha1 | policy.networking.k8s.io/v1alpha1  | AdminNetworkPolicy   |             | Allow  |

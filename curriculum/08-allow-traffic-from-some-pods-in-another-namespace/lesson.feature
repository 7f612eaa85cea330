@ingress
Feature: Allow traffic from some pods in another namespace
  The data warehouse may be scraped by the monitoring pods of the operations team, and by no
  other pod, not even other pods of operations. A peer that holds both a namespaceSelector and a
  podSelector means both at once: pods matching the podSelector, inside namespaces matching the
  namespaceSelector.

  The same two selectors written as two list items (one more dash in the YAML) mean something
  else entirely: either selector admits on its own. Then every pod of operations gets in, and the
  podSelector, standing alone, only looks at the policy's own namespace, so monitoring pods of
  other teams are still refused.

  Background:
    Given the namespaces:
      | namespace | labels           |
      | ops       | team=operations  |
      | dev       | team=development |
      | data      | team=data        |
    And the pods:
      | pod            | labels          | ports    |
      | data/warehouse | app=warehouse   | 9000/TCP |
      | data/metrics   | type=monitoring | 9000/TCP |
      | ops/metrics    | type=monitoring | 9000/TCP |
      | ops/deployer   | type=ci         | 9000/TCP |
      | dev/metrics    | type=monitoring | 9000/TCP |

  Scenario: Monitoring pods of the operations namespace can connect
    When the manifest "warehouse-from-ops-monitoring.yaml" is applied
    Then ops/metrics can connect to data/warehouse on 9000/TCP

  Scenario: Only pods matching both selectors can connect
    When the manifest "warehouse-from-ops-monitoring.yaml" is applied
    Then the reachability on 9000/TCP is:
      | from\to      | data/warehouse |
      | ops/metrics  | .              |
      | ops/deployer | X              |
      | dev/metrics  | X              |
      | data/metrics | X              |

  Scenario: Two separate peers admit pods matching either one
    When the manifest "warehouse-from-ops-or-monitoring.yaml" is applied
    Then the reachability on 9000/TCP is:
      | from\to      | data/warehouse |
      | ops/metrics  | .              |
      | ops/deployer | .              |
      | dev/metrics  | X              |
      | data/metrics | .              |

  @update
  Scenario: A pod that loses its monitoring label loses its access
    When the manifest "warehouse-from-ops-monitoring.yaml" is applied
    And pod "ops/metrics" is labelled "type=batch"
    Then ops/metrics cannot connect to data/warehouse on 9000/TCP

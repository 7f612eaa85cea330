@ingress
Feature: Deny traffic from other namespaces
  The inventory team shares a cluster with other teams and wants its namespace to be a closed
  room: its pods talk freely to each other, but nothing from another namespace gets in. One
  policy selects every pod of inventory and allows ingress from `podSelector: {}`.

  An empty podSelector inside a rule does not mean "every pod of the cluster": a podSelector
  without a namespaceSelector only ever looks at the policy's own namespace, so `{}` is every
  pod of inventory. The policy only concerns ingress, so inventory pods can still call out.

  Background:
    Given the pods:
      | pod               | labels          | ports    |
      | inventory/api     | app=api         | 8080/TCP |
      | inventory/db      | app=db          | 8080/TCP |
      | storefront/web    | app=web         | 8080/TCP |
      | monitoring/probe  | app=blackbox    | 8080/TCP |
    And the manifest "inventory-same-namespace-only.yaml" is applied

  Scenario: Pods of the namespace still talk to each other
    Then inventory/api can connect to inventory/db on 8080/TCP
    And inventory/db can connect to inventory/api on 8080/TCP

  Scenario: Pods of other namespaces cannot connect
    Then storefront/web cannot connect to inventory/api on 8080/TCP
    And monitoring/probe cannot connect to inventory/db on 8080/TCP

  Scenario: Only connections into the namespace from outside it are refused
    Then on 8080/TCP all flows are allowed except:
      | from         | to          |
      | storefront/* | inventory/* |
      | monitoring/* | inventory/* |

  Scenario: Pods of the namespace can still reach other namespaces
    Then inventory/api can connect to storefront/web on 8080/TCP

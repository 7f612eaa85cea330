@ingress @default-deny
Feature: Default deny in a namespace
  Kubernetes lets every pod talk to every other pod until a policy says otherwise. A team that
  wants the opposite for its namespace writes a default deny: one policy whose empty podSelector
  selects every pod of the namespace and that lists no rule. From then on each pod of payments
  refuses every connection, including those from its own namespace, and the team adds one policy
  per flow it really wants.

  The empty selector does not care about labels, so a pod cannot escape by changing them. The
  policy lives in one namespace and only acts there: frontend is untouched. And because it lists
  only Ingress, the payments pods can still open connections; listing Egress as well closes that
  direction too.

  Background:
    Given the pods:
      | pod              | labels     | ports    |
      | payments/api     | app=api    | 8443/TCP |
      | payments/ledger  | app=ledger | 8443/TCP |
      | payments/fraud   | app=fraud  | 8443/TCP |
      | frontend/web     | app=web    | 8443/TCP |
      | frontend/admin   | app=admin  | 8443/TCP |

  Scenario: Every pod of the namespace refuses every connection
    When the manifest "default-deny-ingress.yaml" is applied
    Then on 8443/TCP all flows are allowed except:
      | from | to         |
      | *    | payments/* |

  Scenario: Even pods of the same namespace cannot connect to each other
    When the manifest "default-deny-ingress.yaml" is applied
    Then payments/api cannot connect to payments/ledger on 8443/TCP

  Scenario: The pods of the namespace can still open connections
    When the manifest "default-deny-ingress.yaml" is applied
    Then payments/api can connect to frontend/web on 8443/TCP

  @update
  Scenario: Changing a pod's labels does not take it out of the default deny
    When the manifest "default-deny-ingress.yaml" is applied
    And pod "payments/ledger" is labelled "app=ledger-v2"
    And pod "payments/fraud" is labelled "app-"
    Then frontend/web cannot connect to payments/ledger on 8443/TCP
    And frontend/web cannot connect to payments/fraud on 8443/TCP

  @egress
  Scenario: Listing Egress as well closes both directions
    When the manifest "default-deny-all.yaml" is applied
    Then on 8443/TCP all flows are allowed except:
      | from       | to         |
      | *          | payments/* |
      | payments/* | *          |

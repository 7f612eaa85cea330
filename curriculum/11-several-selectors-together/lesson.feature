@ingress
Feature: Several selectors together
  The shop's database has several kinds of clients: the API, the reporting and billing jobs, and
  the importers the data team runs in its own namespace. One rule can list several peers; a
  connection is admitted when it matches any of them. Inside one selector it is the other way
  round: every matchLabels entry and every matchExpressions requirement must hold.

  Policies add up as well. A second policy selecting the same database pods does not replace the
  first: the database accepts the union of what they allow.

  Background:
    Given the namespaces:
      | namespace | labels    |
      | shop      |           |
      | batch     | team=data |
      | sandbox   |           |
    And the pods:
      | pod              | labels                    | ports    |
      | shop/db          | app=db                    | 5432/TCP |
      | shop/api         | app=api, tier=backend     | 5432/TCP |
      | shop/reports     | app=reports, tier=backend | 5432/TCP |
      | shop/web         | app=web, tier=frontend    | 5432/TCP |
      | batch/importer   | app=importer              | 5432/TCP |
      | batch/cleanup    | app=cleanup               | 5432/TCP |
      | sandbox/importer | app=importer              | 5432/TCP |

  Scenario: A connection matching any of the peers is admitted
    When the manifest "db-clients.yaml" is applied
    Then the reachability on 5432/TCP is:
      | from -> to       | shop/db |
      | shop/api         | .       |
      | shop/reports     | .       |
      | shop/web         | X       |
      | batch/importer   | .       |
      | batch/cleanup    | X       |
      | sandbox/importer | X       |

  Scenario: A second policy for the same pods adds to the first
    When the manifest "db-clients.yaml" is applied
    And the manifest "db-from-web.yaml" is applied
    Then shop/web can connect to shop/db on 5432/TCP
    And shop/api can connect to shop/db on 5432/TCP
    And batch/cleanup cannot connect to shop/db on 5432/TCP

  Scenario: Every requirement of one selector must hold
    When the manifest "db-backend-only.yaml" is applied
    Then the reachability on 5432/TCP is:
      | from -> to   | shop/db |
      | shop/api     | .       |
      | shop/reports | X       |
      | shop/web     | X       |

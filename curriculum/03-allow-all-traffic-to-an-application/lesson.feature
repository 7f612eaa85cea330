@ingress
Feature: Allow all traffic to an application
  The shop namespace runs with a default deny: no pod of it accepts a connection unless a policy
  allows it. The status page is the exception: anyone, from any namespace, must be able to reach
  it on any port. A second policy selects the status page and holds a single empty ingress rule,
  which means every peer and every port.

  Policies never conflict: a pod selected by several policies accepts what any of them allows.
  So the allow-all policy opens the status page without touching the default deny of its
  neighbours. Mind the brackets: `ingress: [{}]` (one rule that matches everything) allows all,
  while `ingress: []` (no rule at all) allows nothing.

  Background:
    Given the pods:
      | pod              | labels          | ports            |
      | shop/status-page | app=status-page | 80/TCP, 8080/TCP |
      | shop/orders      | app=orders      | 80/TCP, 8080/TCP |
      | shop/worker      | app=worker      | 80/TCP, 8080/TCP |
      | partners/portal  | app=portal      | 80/TCP, 8080/TCP |
    And the manifest "default-deny.yaml" is applied

  Scenario: Under the default deny nobody reaches the status page
    Then shop/worker cannot connect to shop/status-page on 80/TCP
    And partners/portal cannot connect to shop/status-page on 80/TCP

  Scenario: The allow-all policy opens the status page to every pod of every namespace
    When the manifest "status-page-allow-all.yaml" is applied
    Then the reachability on 80/TCP is:
      | from -> to      | shop/status-page |
      | shop/orders     | .                |
      | shop/worker     | .                |
      | partners/portal | .                |

  Scenario: The allow-all policy opens every port of the status page
    When the manifest "status-page-allow-all.yaml" is applied
    Then partners/portal can connect to shop/status-page on 8080/TCP

  Scenario: The neighbours of the status page stay behind the default deny
    When the manifest "status-page-allow-all.yaml" is applied
    Then on 80/TCP all flows are denied except:
      | from        | to               |
      | *           | shop/status-page |
      | shop/*      | partners/portal  |

  Scenario: An empty list of rules is not a rule that matches everything
    When the manifest "status-page-allow-nothing.yaml" is applied
    Then partners/portal cannot connect to shop/status-page on 80/TCP
    And shop/orders cannot connect to shop/status-page on 80/TCP

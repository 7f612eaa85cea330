@egress
Feature: Deny egress from an application
  The worker in the jobs namespace runs untrusted batch code. Whatever that code does, it must not
  open a connection to anything: not to the other pods, not to the payment gateway outside the
  cluster. A policy selects the worker and lists Egress in its policyTypes without any egress
  rule.

  Egress isolation does not stop the worker from being called: ingress is a separate direction,
  and the answers to an accepted connection always flow back. The word Egress in policyTypes is
  what matters: a policy that only writes `egress: []` gets [Ingress] as its policyTypes and
  isolates the other direction instead.

  Background:
    Given the pods:
      | pod         | labels     | ports    |
      | jobs/worker | app=worker | 8080/TCP |
      | jobs/queue  | app=queue  | 8080/TCP |
      | shop/api    | app=api    | 8080/TCP |
    And the external hosts:
      | host    | address      | ports   |
      | gateway | 203.0.113.80 | 443/TCP |

  Scenario: The worker cannot connect to any pod
    When the manifest "worker-deny-egress.yaml" is applied
    Then jobs/worker cannot connect to jobs/queue on 8080/TCP
    And jobs/worker cannot connect to shop/api on 8080/TCP

  @external
  Scenario: The worker cannot connect outside the cluster
    When the manifest "worker-deny-egress.yaml" is applied
    Then jobs/worker cannot connect to gateway on 443/TCP

  @external
  Scenario: Other pods are not affected
    When the manifest "worker-deny-egress.yaml" is applied
    Then jobs/queue can connect to shop/api on 8080/TCP
    And jobs/queue can connect to gateway on 443/TCP

  Scenario: Other pods can still connect to the worker
    When the manifest "worker-deny-egress.yaml" is applied
    Then jobs/queue can connect to jobs/worker on 8080/TCP
    And shop/api can connect to jobs/worker on 8080/TCP

  Scenario: An empty egress list without policyTypes isolates ingress instead
    When the manifest "worker-egress-without-type.yaml" is applied
    Then jobs/worker can connect to jobs/queue on 8080/TCP
    And jobs/queue cannot connect to jobs/worker on 8080/TCP

# The project's founding lesson, as in features/lessons/network-policies.feature with its
# manifests from fixtures/lessons/network-policies/ (test/curriculum keeps the copies in step).
@lesson
Feature: Lesson: protecting a database with network policies
  The lesson protects a database pod so that only the API pod reaches it on TCP 3306, lets an
  external backup server in by address, and lets the database push backups out on TCP 80.
  Every claim the lesson makes about traffic is one scenario below. Where the lesson says
  something the NetworkPolicy spec contradicts, the scenario asserts the spec, carries the
  erratum tag, and its description says what the lesson claimed and why it does not hold.

  Background:
    Given the manifests in "topology.yaml"
    And the external hosts:
      | host   | address      | ports          |
      | backup | 192.168.5.10 | 80/TCP, 443/TCP |
      | laptop | 192.168.5.20 | 80/TCP         |

  @external
  Scenario: By default, Kubernetes allows all traffic between pods
    With no NetworkPolicy, no pod is isolated: every pod reaches every other on every port.
    Then prod/web can connect to prod/db on 3306/TCP
    And prod/api can connect to prod/db on 3306/TCP
    And dev/api can connect to prod/db on 8080/TCP
    And prod/db can connect to prod/api on 80/TCP
    And on 3306/TCP all flows are allowed

  Scenario: db-policy selects the database by its label and blocks all ingress to it
    A policy whose podSelector matches role=db, with Ingress in policyTypes and no ingress rule,
    isolates the database: nothing may connect to it any more.
    When the manifest "1-db-policy-deny-ingress.yaml" is applied
    Then prod/api cannot connect to prod/db on 3306/TCP
    And prod/web cannot connect to prod/db on 3306/TCP
    And dev/api cannot connect to prod/db on 3306/TCP

  Scenario: Other pods remain unrestricted while the database is isolated
    Only the pod the policy selects is isolated, and only for ingress: the other pods still talk
    to each other, and the database may still open connections (its egress is not isolated).
    When the manifest "1-db-policy-deny-ingress.yaml" is applied
    Then prod/web can connect to prod/api on 80/TCP
    And dev/api can connect to prod/web on 80/TCP
    And prod/db can connect to prod/api on 80/TCP

  Scenario: The API pod is allowed in on TCP 3306
    The ingress rule's pod selector (name=api-pod) with port 3306/TCP lets the API pod connect.
    When the manifest "2-db-policy-allow-api.yaml" is applied
    Then prod/api can connect to prod/db on 3306/TCP

  Scenario: Only TCP 3306 is opened, and only for the API pod
    A rule allows the combination of its peers AND its ports: the API pod on another port, and any
    other pod on 3306, are still denied.
    When the manifest "2-db-policy-allow-api.yaml" is applied
    Then prod/api cannot connect to prod/db on 8080/TCP
    And prod/web cannot connect to prod/db on 3306/TCP
    And the reachability on 3306/TCP is:
      | from -> to | prod/db |
      | prod/api   | .       |
      | prod/web   | X       |
      | prod/db    | -       |

  Scenario: Replies to an allowed connection need no rule of their own
    Policies are stateful: once the API pod's connection is allowed in, the database's answers
    flow back, even when the database may not open any connection to the API pod itself.
    When the manifest "5-db-policy-egress.yaml" is applied
    Then prod/api can connect to prod/db on 3306/TCP
    But prod/db cannot connect to prod/api on 80/TCP

  @erratum
  Scenario: A pod selector alone does not let API pods of other namespaces in
    The lesson says that with API pods in dev, test and prod sharing the same labels, "the above
    policy would allow all API pods to access the database". It does not: a podSelector without a
    namespaceSelector selects pods in the policy's own namespace only (prod, where the database
    lives), so the API pods of dev and test were never allowed. A namespace selector is needed to
    let pods of *other* namespaces in, not to keep them out.
    When the manifest "2-db-policy-allow-api.yaml" is applied
    Then prod/api can connect to prod/db on 3306/TCP
    But dev/api cannot connect to prod/db on 3306/TCP
    And test/api cannot connect to prod/db on 3306/TCP

  Scenario: Pod and namespace selectors in the same peer must both match
    With podSelector name=api-pod and namespaceSelector name=prod in ONE peer, only API pods in
    namespaces labelled name=prod are allowed: prod's API pod, not dev's or test's.
    When the manifest "3-db-policy-prod-only.yaml" is applied
    Then the reachability on 3306/TCP is:
      | from -> to | prod/db |
      | prod/api   | .       |
      | dev/api    | X       |
      | test/api   | X       |
      | prod/web   | X       |

  Scenario: Written as two peers, the selectors allow either
    Not a claim of the lesson but its warning in reverse: with "- namespaceSelector" as a list item
    of its own, the two peers are ORed, and every pod in prod gets in, the web pod included.
    When the manifest "3b-db-policy-two-peers.yaml" is applied
    Then prod/web can connect to prod/db on 3306/TCP
    And prod/api can connect to prod/db on 3306/TCP
    But dev/api cannot connect to prod/db on 3306/TCP

  @external
  Scenario: The external backup server is allowed in by its address
    Pod and namespace selectors cannot name a host outside the cluster; an ipBlock peer can.
    The peer list has two elements, and either one suffices.
    When the manifest "4-db-policy-backup-server.yaml" is applied
    Then backup can connect to prod/db on 3306/TCP
    And prod/api can connect to prod/db on 3306/TCP
    But laptop cannot connect to prod/db on 3306/TCP
    And dev/api cannot connect to prod/db on 3306/TCP
    And backup cannot connect to prod/db on 8080/TCP

  @external @egress
  Scenario: The database may push backups to the backup server on TCP 80, and nothing else
    With Egress in policyTypes, the database is isolated for egress too: the one egress rule
    allows the backup server on TCP 80; every other destination and port is denied.
    When the manifest "5-db-policy-egress.yaml" is applied
    Then prod/db can connect to backup on 80/TCP
    But prod/db cannot connect to backup on 443/TCP
    And prod/db cannot connect to laptop on 80/TCP
    And prod/db cannot connect to prod/web on 80/TCP

  @external
  Scenario: Adding egress rules keeps the ingress rules working
    The final db-policy still lets the API pod of prod and the backup server in on TCP 3306.
    When the manifest "5-db-policy-egress.yaml" is applied
    Then prod/api can connect to prod/db on 3306/TCP
    And backup can connect to prod/db on 3306/TCP
    But dev/api cannot connect to prod/db on 3306/TCP

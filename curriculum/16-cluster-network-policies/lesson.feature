@lesson @cluster-network-policy
Feature: Cluster-wide guardrails: the Admin and Baseline tiers
  A NetworkPolicy belongs to a namespace and to the team that owns it. On a cluster shared by
  several tenants, the platform team needs rules no tenant can lift, and defaults that tenants may
  refine. The Network Policy API's ClusterNetworkPolicy gives it two tiers around the
  NetworkPolicies: for one pod and one direction, the Admin tier is tried first (policies by
  priority, lowest number first, and in each policy its rules in order); the first rule that
  matches decides: Accept, Deny, or Pass, which hands the decision on. Then the NetworkPolicy tier:
  if any NetworkPolicy selects the pod, NetworkPolicy decides, exactly as without tiers. Then the
  Baseline tier, the same way. What no tier decides is allowed.

  The lesson's cluster has two tenants, a and b, each with a web front end and a database, and a
  platform team's monitoring. Every claim below is one scenario; clusters that still serve the
  older v1alpha1 API (AdminNetworkPolicy, BaselineAdminNetworkPolicy) get the same answers.

  Background:
    Given the manifests in "topology.yaml"

  Scenario: Without any policy, the tenants reach each other
    Kubernetes allows all traffic until a policy says otherwise, also between tenants.
    Then tenant-a/web can connect to tenant-b/web on 8080/TCP
    And tenant-b/web can connect to tenant-a/db on 5432/TCP

  @cnp
  Scenario: An Admin guardrail keeps the tenants apart
    The platform team's policies in the Admin tier deny each tenant's pods all traffic from the
    other tenants' namespaces. Nothing else changes: inside one tenant, and from the platform's
    own namespaces, traffic flows as before (no rule matches it, and a cluster-wide rule isolates
    nothing by itself, unlike a NetworkPolicy).
    When the manifest "1-isolate-tenants.yaml" is applied
    Then tenant-a/web cannot connect to tenant-b/web on 8080/TCP
    And tenant-b/web cannot connect to tenant-a/db on 5432/TCP
    But tenant-a/web can connect to tenant-a/db on 5432/TCP
    And monitoring/prometheus can connect to tenant-b/web on 9090/TCP

  @cnp
  Scenario: A tenant's NetworkPolicy cannot lift the guardrail
    Tenant b allows all ingress with its own NetworkPolicy. The Admin tier is tried first and
    its Deny is final: no NetworkPolicy is consulted for that traffic.
    When the manifest "1-isolate-tenants.yaml" is applied
    And the manifest "2-tenant-b-allows-everything.yaml" is applied
    Then tenant-a/web cannot connect to tenant-b/web on 8080/TCP
    And tenant-a/db cannot connect to tenant-b/db on 5432/TCP
    But monitoring/prometheus can connect to tenant-b/db on 5432/TCP

  @cnp
  Scenario: An Admin Accept reaches a pod its own NetworkPolicy closes
    Tenant a lets only its web pod reach its database on the postgres port. The platform team's
    Accept for monitoring on the metrics port decides before that NetworkPolicy is consulted, so
    monitoring scrapes the database anyway, on the metrics port and nowhere else.
    When the manifest "3-monitoring-always-scrapes.yaml" is applied
    And the manifest "4-tenant-a-locks-down.yaml" is applied
    Then monitoring/prometheus can connect to tenant-a/db on 9090/TCP
    And monitoring/prometheus can connect to tenant-a/web on 9090/TCP
    But monitoring/prometheus cannot connect to tenant-a/db on 5432/TCP
    And tenant-a/web can connect to tenant-a/db on 5432/TCP

  @cnp
  Scenario: Delegation with Pass: inside the tenant, the tenant's NetworkPolicy decides
    The platform team passes traffic from inside tenant a on to the NetworkPolicy tier and
    denies everything else. For traffic it passed, tenant a's own NetworkPolicy now decides:
    web reaches the database on postgres, the database does not reach web.
    When the manifest "5-delegate-within-tenants.yaml" is applied
    And the manifest "4-tenant-a-locks-down.yaml" is applied
    Then tenant-a/web can connect to tenant-a/db on 5432/TCP
    But tenant-a/db cannot connect to tenant-a/web on 8080/TCP
    And tenant-b/web cannot connect to tenant-a/web on 8080/TCP

  @cnp
  Scenario: Lower priority numbers come first
    The monitoring exception has priority 10; the delegation policy's Deny has priority 5, so
    it is tried first and denies monitoring before the exception is reached. Priorities order
    policies, not rules inside one: to keep monitoring in, give its Accept a number below 5.
    When the manifest "5-delegate-within-tenants.yaml" is applied
    And the manifest "3-monitoring-always-scrapes.yaml" is applied
    Then monitoring/prometheus cannot connect to tenant-a/web on 9090/TCP
    But monitoring/prometheus can connect to tenant-b/web on 9090/TCP

  @cnp
  Scenario: Delegation with Pass, and no NetworkPolicy: the Baseline tier decides
    If the tenant wrote no NetworkPolicy for the pod, the passed traffic goes on to the
    Baseline tier; here the platform team's default denies it.
    When the manifest "5-delegate-within-tenants.yaml" is applied
    And the manifest "6-baseline-default-deny.yaml" is applied
    Then tenant-a/web cannot connect to tenant-a/db on 5432/TCP

  @cnp
  Scenario: A baseline default deny that a NetworkPolicy overrides
    The Baseline tier denies all ingress to every tenant pod, unless the tenant says otherwise.
    Tenant b's NetworkPolicy selects its database and allows web on 5432: for the database,
    NetworkPolicy decides, so web gets in, and the baseline is not consulted. The web pod has no
    NetworkPolicy, so the baseline's Deny applies to it.
    When the manifest "6-baseline-default-deny.yaml" is applied
    And the manifest "7-web-reaches-db.yaml" is applied
    Then tenant-b/web can connect to tenant-b/db on 5432/TCP
    But tenant-b/db cannot connect to tenant-b/web on 8080/TCP
    And tenant-a/web cannot connect to tenant-b/db on 5432/TCP
    And monitoring/prometheus cannot connect to tenant-b/web on 9090/TCP

  @anp
  Scenario: The same guardrail and default in v1alpha1
    AdminNetworkPolicies are the Admin tier and the BaselineAdminNetworkPolicy (the one named
    default) the Baseline tier; Allow is v1alpha1's word for Accept. The answers are the same.
    When the manifest "8-isolate-tenants-v1alpha1.yaml" is applied
    And the manifest "2-tenant-b-allows-everything.yaml" is applied
    Then tenant-a/web cannot connect to tenant-b/web on 8080/TCP
    When the manifest "9-baseline-default-deny-v1alpha1.yaml" is applied
    And the manifest "7-web-reaches-db.yaml" is applied
    Then tenant-b/web can connect to tenant-b/db on 5432/TCP
    And monitoring/prometheus can connect to tenant-b/web on 9090/TCP
    But monitoring/prometheus cannot connect to tenant-a/web on 9090/TCP

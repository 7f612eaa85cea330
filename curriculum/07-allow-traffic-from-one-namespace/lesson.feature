@ingress
Feature: Allow traffic from one namespace
  The reports service in analytics holds figures only production dashboards may read. Its policy
  admits pods from namespaces labelled env=production. A namespaceSelector in a rule chooses
  namespaces by their labels, and every pod of a chosen namespace is admitted.

  Namespace labels are ordinary labels: whoever may label a namespace decides which pods get in,
  and a relabelled namespace is admitted or refused at once. The reports service's own namespace
  is not special either: without the label its pods are refused. To name one namespace for good,
  select the label Kubernetes sets on every namespace, kubernetes.io/metadata.name.

  Background:
    Given the namespaces:
      | namespace | labels         |
      | prod      | env=production |
      | staging   | env=staging    |
      | analytics |                |
    And the pods:
      | pod                 | labels        | ports    |
      | analytics/reports   | app=reports   | 8080/TCP |
      | analytics/notebook  | app=notebook  | 8080/TCP |
      | prod/dashboard      | app=dashboard | 8080/TCP |
      | staging/dashboard   | app=dashboard | 8080/TCP |

  Scenario: Pods of the production namespace can connect
    When the manifest "reports-from-production.yaml" is applied
    Then prod/dashboard can connect to analytics/reports on 8080/TCP

  Scenario: Pods of other namespaces cannot connect
    When the manifest "reports-from-production.yaml" is applied
    Then staging/dashboard cannot connect to analytics/reports on 8080/TCP

  Scenario: Not even pods of the service's own namespace can connect
    When the manifest "reports-from-production.yaml" is applied
    Then analytics/notebook cannot connect to analytics/reports on 8080/TCP

  @update
  Scenario: Relabelling a namespace changes who gets in
    When the manifest "reports-from-production.yaml" is applied
    And namespace "staging" is labelled "env=production"
    And namespace "prod" is labelled "env-"
    Then staging/dashboard can connect to analytics/reports on 8080/TCP
    And prod/dashboard cannot connect to analytics/reports on 8080/TCP

  @update
  Scenario: Selecting the namespace by its name ignores other labels
    When the manifest "reports-from-prod-by-name.yaml" is applied
    And namespace "staging" is labelled "env=production"
    Then prod/dashboard can connect to analytics/reports on 8080/TCP
    And staging/dashboard cannot connect to analytics/reports on 8080/TCP

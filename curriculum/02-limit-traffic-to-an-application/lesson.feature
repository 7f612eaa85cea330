@ingress
Feature: Limit traffic to an application
  The catalog API of the shop should only answer the catalog's own front end, not every pod that
  happens to run nearby. A NetworkPolicy selects the API pods (app=catalog, role=api) and allows
  ingress from pods labelled app=catalog.

  Two details decide who gets through. Only pods the policy selects are isolated, so the other
  pods of the namespace keep accepting anything. And a podSelector inside a rule only looks at
  pods of the policy's own namespace: a pod in staging with exactly the same labels is still
  refused.

  Background:
    Given the pods:
      | pod                | labels                     | ports    |
      | shop/catalog-api   | app=catalog, role=api      | 8080/TCP |
      | shop/catalog-ui    | app=catalog, role=frontend | 8080/TCP |
      | shop/checkout      | app=checkout               | 8080/TCP |
      | staging/catalog-ui | app=catalog, role=frontend | 8080/TCP |
    And the manifest "catalog-api-from-catalog.yaml" is applied

  Scenario: The catalog front end can call the catalog API
    Then shop/catalog-ui can connect to shop/catalog-api on 8080/TCP

  Scenario: Other applications of the namespace cannot call the catalog API
    Then shop/checkout cannot connect to shop/catalog-api on 8080/TCP

  Scenario: A pod with the same labels in another namespace cannot call the catalog API
    Then staging/catalog-ui cannot connect to shop/catalog-api on 8080/TCP

  Scenario: Only the catalog API is isolated
    Then the reachability on 8080/TCP is:
      | from -> to         | shop/catalog-api | shop/catalog-ui | shop/checkout |
      | shop/catalog-api   | -                | .               | .             |
      | shop/catalog-ui    | .                | -               | .             |
      | shop/checkout      | X                | .               | -             |
      | staging/catalog-ui | X                | .               | .             |

  @update
  Scenario: Labelling a pod as part of the catalog lets it in
    When pod "shop/checkout" is labelled "app=catalog"
    Then shop/checkout can connect to shop/catalog-api on 8080/TCP

@ingress @external
Feature: Allow external clients
  The web namespace runs under a default deny, yet its storefront must serve customers on the
  internet. Clients outside the cluster are not pods: no pod or namespace selector can name them.
  Two tools remain. A rule without `from` admits every source, outside the cluster included, and
  its `ports` keep the opening narrow. An ipBlock admits sources by address, for example only the
  office network for the admin console.

  An ipBlock may carve addresses out with `except`. Keep ipBlocks for addresses outside the
  cluster: pods have addresses too, but whether an ipBlock that covers them admits them is left to
  each network plugin.

  Background:
    Given the pods:
      | pod            | labels         | ports           |
      | web/storefront | app=storefront | 443/TCP, 80/TCP |
      | web/admin      | app=admin      | 443/TCP         |
    And the external hosts:
      | host     | address       | ports   |
      | customer | 203.0.113.25  | 443/TCP |
      | office   | 198.51.100.40 | 443/TCP |
      | kiosk    | 198.51.100.66 | 443/TCP |
    And the manifest "default-deny.yaml" is applied

  Scenario: Without a policy for it the storefront refuses customers
    Then customer cannot connect to web/storefront on 443/TCP

  Scenario: A rule without sources admits customers on the port it lists
    When the manifest "storefront-public.yaml" is applied
    Then customer can connect to web/storefront on 443/TCP
    And office can connect to web/storefront on 443/TCP
    And web/admin can connect to web/storefront on 443/TCP

  Scenario: Ports the rule does not list stay closed
    When the manifest "storefront-public.yaml" is applied
    Then customer cannot connect to web/storefront on 80/TCP

  @ipblock
  Scenario: An address block admits only the office network
    When the manifest "admin-from-office.yaml" is applied
    Then office can connect to web/admin on 443/TCP
    And customer cannot connect to web/admin on 443/TCP

  @ipblock
  Scenario: An exception in the address block refuses part of it
    When the manifest "admin-from-office-except-kiosk.yaml" is applied
    Then office can connect to web/admin on 443/TCP
    And kiosk cannot connect to web/admin on 443/TCP
    And customer cannot connect to web/admin on 443/TCP

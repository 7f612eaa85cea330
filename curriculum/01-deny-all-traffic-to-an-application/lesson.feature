@ingress
Feature: Deny all traffic to an application
  The web front end of the shop is being rebuilt and must receive no traffic until it is ready.
  One NetworkPolicy selects the web pods by their label and lists no ingress rule. Being selected
  makes the pods isolated for ingress; with no rule, nothing is allowed in, so every connection to
  them is refused, whatever namespace it comes from.

  Everything else stays as it was: pods the policy does not select keep accepting connections,
  and the web pods can still open connections themselves, because the policy only speaks about
  ingress. Deleting the policy lets the traffic back in.

  Background:
    Given the manifests in "topology.yaml"

  Scenario: Without a policy every pod accepts every connection
    Then on 80/TCP all flows are allowed

  Scenario: The policy refuses every connection to the web pods
    When the manifest "web-closed-for-rebuild.yaml" is applied
    Then shop/api cannot connect to shop/web on 80/TCP
    And shop/cache cannot connect to shop/web on 80/TCP
    And tools/debug cannot connect to shop/web on 80/TCP

  Scenario: Pods the policy does not select keep accepting connections
    When the manifest "web-closed-for-rebuild.yaml" is applied
    Then on 80/TCP all flows are allowed except:
      | from | to       |
      | *    | shop/web |

  Scenario: The web pods can still open connections
    When the manifest "web-closed-for-rebuild.yaml" is applied
    Then shop/web can connect to shop/api on 80/TCP
    And shop/web can connect to tools/debug on 80/TCP

  @update
  Scenario: Deleting the policy lets traffic in again
    When the manifest "web-closed-for-rebuild.yaml" is applied
    And the policy "shop/web-closed-for-rebuild" is deleted
    Then shop/api can connect to shop/web on 80/TCP
    And tools/debug can connect to shop/web on 80/TCP

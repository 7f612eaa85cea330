@egress
Feature: Deny external egress
  The apps namespace may talk to anything inside the cluster but must never reach the internet on
  its own: a compromised pod should not be able to send data out. Its policy isolates every pod
  of apps for egress and allows connections to `namespaceSelector: {}`, that is to every pod of
  every namespace, the cluster DNS included.

  Hosts outside the cluster are not pods, so no selector reaches them, and they are refused. When
  some of them must be reachable after all, such as the company network, an ipBlock names them by
  address; the pod traffic keeps flowing through the selector.

  Background:
    Given the pods:
      | pod                 | labels           | ports          |
      | apps/web            | app=web          | 8080/TCP       |
      | data/db             | app=db           | 8080/TCP       |
      | kube-system/coredns | k8s-app=kube-dns | 53/UDP, 53/TCP |
    And the external hosts:
      | host     | address       | ports   |
      | internet | 203.0.113.50  | 443/TCP |
      | intranet | 192.168.20.10 | 443/TCP |

  Scenario: Pods of the namespace still reach pods of other namespaces
    When the manifest "apps-cluster-only.yaml" is applied
    Then apps/web can connect to data/db on 8080/TCP
    And apps/web can connect to kube-system/coredns on 53/TCP

  @udp
  Scenario: Pods of the namespace still reach the cluster DNS over UDP
    When the manifest "apps-cluster-only.yaml" is applied
    Then apps/web can connect to kube-system/coredns on 53/UDP

  @external
  Scenario: Hosts outside the cluster are refused
    When the manifest "apps-cluster-only.yaml" is applied
    Then apps/web cannot connect to internet on 443/TCP
    And apps/web cannot connect to intranet on 443/TCP

  @external
  Scenario: Pods of other namespaces still reach the outside
    When the manifest "apps-cluster-only.yaml" is applied
    Then data/db can connect to internet on 443/TCP

  @ipblock @external
  Scenario: An address block opens the company network and nothing else outside
    When the manifest "apps-cluster-and-intranet.yaml" is applied
    Then apps/web can connect to intranet on 443/TCP
    And apps/web cannot connect to internet on 443/TCP
    And apps/web can connect to data/db on 8080/TCP

@egress @default-deny
Feature: Deny all non-allowed egress in a namespace, allowing DNS
  The apps namespace should open no connection except those its team has allowed on purpose. A
  default deny for egress does that, but it also cuts the pods off from the cluster DNS, and a
  pod that cannot resolve a name can call nothing at all. So the policy allows one thing: DNS, on
  53/UDP and 53/TCP, to the pods labelled k8s-app=kube-dns in kube-system.

  Naming the DNS pods matters. A rule that only says "port 53" allows port 53 to every
  destination, including any resolver a pod might pick. And egress isolation does not change
  who may connect to the apps pods: other namespaces still reach them.

  Background:
    Given the manifests in "topology.yaml"

  @udp
  Scenario: Pods of the namespace can query the cluster DNS over UDP and TCP
    When the manifest "apps-egress-dns-only.yaml" is applied
    Then apps/web can connect to kube-system/coredns on 53/UDP
    And apps/web can connect to kube-system/coredns on 53/TCP
    And apps/api can connect to kube-system/coredns on 53/UDP

  Scenario: Everything else is refused, even inside the namespace
    When the manifest "apps-egress-dns-only.yaml" is applied
    Then apps/web cannot connect to apps/api on 8080/TCP
    And apps/web cannot connect to tools/resolver on 8080/TCP

  @udp
  Scenario: Another resolver cannot be used
    When the manifest "apps-egress-dns-only.yaml" is applied
    Then apps/web cannot connect to tools/resolver on 53/UDP

  Scenario: Other namespaces can still connect to the namespace's pods
    When the manifest "apps-egress-dns-only.yaml" is applied
    Then tools/resolver can connect to apps/api on 8080/TCP
    And kube-system/coredns can connect to apps/web on 8080/TCP

  @udp
  Scenario: Allowing port 53 without naming the DNS pods allows it everywhere
    When the manifest "apps-egress-port-53-anywhere.yaml" is applied
    Then apps/web can connect to tools/resolver on 53/UDP
    And apps/web can connect to kube-system/coredns on 53/UDP
    And apps/web cannot connect to apps/api on 8080/TCP

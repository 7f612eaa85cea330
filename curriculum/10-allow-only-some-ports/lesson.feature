@ingress @ports
Feature: Allow only some ports
  The shop's API serves its clients on 8080 and exposes metrics on 9100. The web front end should
  only reach the API port, and the monitoring namespace only the metrics port. A rule can list
  ports next to its sources: a connection is admitted when its source matches one of the rule's
  peers AND its port one of the rule's ports. Two rules give two such pairs.

  A port can be written as a number, as the name of a container port of the pod receiving the
  connection, or as a range with endPort. The protocol defaults to TCP: a rule for port 9100 says
  nothing about 9100/UDP.

  Background:
    Given the pods:
      | pod                   | labels         | ports                                     |
      | shop/api              | app=api        | http:8080/TCP, metrics:9100/TCP, 9100/UDP |
      | shop/web              | app=web        | 8080/TCP                                  |
      | monitoring/prometheus | app=prometheus | 8080/TCP                                  |

  Scenario: Each source reaches only its own port
    When the manifest "api-ports.yaml" is applied
    Then shop/web can connect to shop/api on 8080/TCP
    And monitoring/prometheus can connect to shop/api on 9100/TCP

  Scenario: A source cannot use the port of the other rule
    When the manifest "api-ports.yaml" is applied
    Then shop/web cannot connect to shop/api on 9100/TCP
    And monitoring/prometheus cannot connect to shop/api on 8080/TCP

  @named-port
  Scenario: Container port names work like the numbers they stand for
    When the manifest "api-named-ports.yaml" is applied
    Then shop/web can connect to shop/api on 8080/TCP
    And monitoring/prometheus can connect to shop/api on 9100/TCP
    And shop/web cannot connect to shop/api on 9100/TCP
    And monitoring/prometheus cannot connect to shop/api on 8080/TCP

  @endport
  Scenario: A port range admits every port inside it
    When the manifest "api-metrics-range.yaml" is applied
    Then monitoring/prometheus can connect to shop/api on 9100/TCP
    And monitoring/prometheus cannot connect to shop/api on 8080/TCP

  @udp
  Scenario: A port without a protocol means TCP only
    When the manifest "api-ports.yaml" is applied
    Then monitoring/prometheus cannot connect to shop/api on 9100/UDP

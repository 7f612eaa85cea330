@ingress
Feature: Allow traffic from some pods in another namespace
  The data warehouse may be read by the metrics scrapers of the site reliability unit, and by no
  other pod: not their deployer, not the scrapers other units run. A peer that holds both a
  namespaceSelector and a podSelector means both at once: pods matching the podSelector, inside
  namespaces matching the namespaceSelector.

  The same two selectors written as two list items (one more dash in the YAML) mean something
  else entirely: either selector admits on its own. Then every pod of the sre namespace gets in,
  and the podSelector, standing alone, only looks at the policy's own namespace, so the scraper
  of the product unit is still refused while the one next to the warehouse is admitted.

  Background:
    Given the namespaces:
      | namespace | labels                |
      | sre       | unit=site-reliability |
      | product   | unit=product          |
      | data      | unit=data             |
    And the pods:
      | pod             | labels        | ports    |
      | data/warehouse  | app=warehouse | 9000/TCP |
      | data/scraper    | role=scraper  | 9000/TCP |
      | sre/scraper     | role=scraper  | 9000/TCP |
      | sre/deployer    | role=deployer | 9000/TCP |
      | product/scraper | role=scraper  | 9000/TCP |

  Scenario: The scraper of the site reliability unit can connect
    When the manifest "warehouse-from-sre-scrapers.yaml" is applied
    Then sre/scraper can connect to data/warehouse on 9000/TCP

  Scenario: Only pods matching both selectors can connect
    When the manifest "warehouse-from-sre-scrapers.yaml" is applied
    Then the reachability on 9000/TCP is:
      | from -> to      | data/warehouse |
      | sre/scraper     | .              |
      | sre/deployer    | X              |
      | product/scraper | X              |
      | data/scraper    | X              |

  Scenario: Two separate peers admit pods matching either one
    When the manifest "warehouse-from-sre-or-scrapers.yaml" is applied
    Then the reachability on 9000/TCP is:
      | from -> to      | data/warehouse |
      | sre/scraper     | .              |
      | sre/deployer    | .              |
      | product/scraper | X              |
      | data/scraper    | .              |

  @update
  Scenario: A pod that loses its scraper label loses its access
    When the manifest "warehouse-from-sre-scrapers.yaml" is applied
    And pod "sre/scraper" is labelled "role=batch"
    Then sre/scraper cannot connect to data/warehouse on 9000/TCP

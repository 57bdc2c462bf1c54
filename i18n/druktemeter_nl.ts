<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
  <context>
    <name>Druktemeter</name>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>&lt; {min_count} (suppressed)</source>
      <translation>&lt; {min_count} (afgeschermd)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Age</source>
      <translation>Leeftijd</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Area (km²)</source>
      <translation>Oppervlakte (km²)</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Band</source>
      <translation>Klasse</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>Band edges must be increasing positive counts, e.g. 15,50,150,500,1500</source>
      <translation>Klassegrenzen moeten oplopende positieve aantallen zijn, bijvoorbeeld 15,50,150,500,1500</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Cell</source>
      <translation>Cel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Connection problem, retrying</source>
      <translation>Verbindingsprobleem, nieuwe poging</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Count (number)</source>
      <translation>Aantal (getal)</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Druktemeter</source>
      <translation>Druktemeter</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Druktemeter — crowd per antenna cell</source>
      <translation>Druktemeter — drukte per antennecel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Feed</source>
      <translation>Gegevensbron</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Feed OK</source>
      <translation>Gegevensbron OK</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Feed failed</source>
      <translation>Gegevensbron mislukt</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Interval</source>
      <translation>Interval</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Interval from</source>
      <translation>Interval vanaf</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Interval shown</source>
      <translation>Getoond interval</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Interval until</source>
      <translation>Interval tot</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>No crowd data yet. Configure a feed under Settings, or switch on demo mode to practise without a network.</source>
      <translation>Nog geen drukte-gegevens. Stel een feed in via Instellingen, of zet de demomodus aan om zonder netwerk te oefenen.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>STALE: the map shows old data</source>
      <translation>VEROUDERD: de kaart toont oude gegevens</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Show the Druktemeter crowd map panel</source>
      <translation>Toon het Druktemeter-paneel met de drukte-kaart</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Site</source>
      <translation>Locatie</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Source</source>
      <translation>Bron</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Stale: these counts are out of date</source>
      <translation>Verouderd: deze aantallen zijn niet actueel</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>State</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Technology</source>
      <translation>Techniek</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Trend</source>
      <translation>Trend</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>Trend vs 15 minutes earlier</source>
      <translation>Trend t.o.v. 15 minuten eerder</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Users connected</source>
      <translation>Verbonden gebruikers</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>Users per cell</source>
      <translation>Gebruikers per cel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Waiting for the first data</source>
      <translation>Wachten op de eerste gegevens</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>cell outline</source>
      <translation>celgrens</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>counted</source>
      <translation>geteld</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>equal</source>
      <translation>gelijk</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>falling</source>
      <translation>dalend</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>no data</source>
      <translation>geen gegevens</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>no feed configured</source>
      <translation>geen gegevensbron ingesteld</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>none yet</source>
      <translation>nog geen</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>rising</source>
      <translation>stijgend</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>stale (data too old)</source>
      <translation>verouderd (gegevens te oud)</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>suppressed (too few to show)</source>
      <translation>afgeschermd (te weinig om te tonen)</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>unknown</source>
      <translation>onbekend</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>{hours} h {minutes:02d} min ago</source>
      <translation>{hours} u {minutes:02d} min geleden</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>{minutes} min {seconds:02d} s ago</source>
      <translation>{minutes} min {seconds:02d} s geleden</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>{seconds} s ago</source>
      <translation>{seconds} s geleden</translation>
    </message>
  </context>
</TS>

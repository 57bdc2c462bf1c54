<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
  <context>
    <name>Druktemeter</name>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Druktemeter</source>
      <translation>Druktemeter</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>No crowd data yet. Configure a feed under Settings, or switch on demo mode to practise without a network.</source>
      <translation>Nog geen drukte-gegevens. Stel een feed in via Instellingen, of zet de demomodus aan om zonder netwerk te oefenen.</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Show the Druktemeter crowd map panel</source>
      <translation>Toon het Druktemeter-paneel met de drukte-kaart</translation>
    </message>
    <message>
      <location filename="../plugin/core/alerts.py" />
      <source>back below {0}</source>
      <translation>weer onder {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/alerts.py" />
      <source>count at or above {0}</source>
      <translation>aantal {0} of meer</translation>
    </message>
    <message>
      <location filename="../plugin/core/alerts.py" />
      <source>density at or above {0:g} per km²</source>
      <translation>dichtheid {0:g} per km² of meer</translation>
    </message>
    <message>
      <location filename="../plugin/core/alerts.py" />
      <source>rise of {0:g}% or more within one interval</source>
      <translation>stijging van {0:g}% of meer binnen één interval</translation>
    </message>
  </context>
</TS>

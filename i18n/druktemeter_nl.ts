<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
  <context>
    <name>Druktemeter</name>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Acknowledges alert id</source>
      <translation>Bevestigt melding-id</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>After feed outage or start</source>
      <translation>Na storing van de feed of bij start</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Alert id</source>
      <translation>Melding-id</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Cell</source>
      <translation>Cel</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Count</source>
      <translation>Aantal</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Druktemeter</source>
      <translation>Druktemeter</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Event</source>
      <translation>Gebeurtenis</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Interval end (UTC)</source>
      <translation>Einde interval (UTC)</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Interval end (local time)</source>
      <translation>Einde interval (lokale tijd)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>No crowd data yet. Configure a feed under Settings, or switch on demo mode to practise without a network.</source>
      <translation>Nog geen drukte-gegevens. Stel een feed in via Instellingen, of zet de demomodus aan om zonder netwerk te oefenen.</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Recorded (UTC)</source>
      <translation>Vastgelegd (UTC)</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Recorded (local time)</source>
      <translation>Vastgelegd (lokale tijd)</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Region</source>
      <translation>Regio</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Rule</source>
      <translation>Regel</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Show the Druktemeter crowd map panel</source>
      <translation>Toon het Druktemeter-paneel met de drukte-kaart</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Trend</source>
      <translation>Trend</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>about the same</source>
      <translation>gelijk</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>acknowledged</source>
      <translation>bevestigd</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>alert</source>
      <translation>melding</translation>
    </message>
    <message>
      <location filename="../plugin/core/alerts.py" />
      <source>back below {0}</source>
      <translation>weer onder {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>cleared</source>
      <translation>opgeheven</translation>
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
      <location filename="../plugin/core/alert_log.py" />
      <source>falling</source>
      <translation>dalend</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>no</source>
      <translation>nee</translation>
    </message>
    <message>
      <location filename="../plugin/core/alerts.py" />
      <source>rise of {0:g}% or more within one interval</source>
      <translation>stijging van {0:g}% of meer binnen één interval</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>rising</source>
      <translation>stijgend</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>unknown</source>
      <translation>onbekend</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>yes</source>
      <translation>ja</translation>
    </message>
  </context>
</TS>

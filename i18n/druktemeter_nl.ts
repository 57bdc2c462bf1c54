<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
  <context>
    <name>Druktemeter</name>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>"{text}" is not a date and time; write YYYY-MM-DDTHH:MM</source>
      <translation>"{text}" is geen datum en tijd; schrijf JJJJ-MM-DDTUU:MM</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>"{text}" is not a time; write HH:MM or YYYY-MM-DDTHH:MM</source>
      <translation>"{text}" is geen tijd; schrijf UU:MM of JJJJ-MM-DDTUU:MM</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Antenna sites</source>
      <translation>Antennelocaties</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Azimuth field (degrees from north, clockwise)</source>
      <translation>Veld met azimut (graden vanaf het noorden, met de klok mee)</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Builds a coverage polygon per antenna: the area closer to its site than to any other (Voronoi), split into sectors halfway between the azimuths of the antennas on the same site, and clipped to the clip polygons or the extent. Points at the same position are one site. Without an azimuth field every site gets one polygon.</source>
      <translation>Maakt per antenne een dekkingsvlak: het gebied dat dichter bij de eigen locatie ligt dan bij elke andere (Voronoi), verdeeld in sectoren halverwege tussen de azimuts van de antennes op dezelfde locatie, en bijgesneden tot de bijsnijvlakken of het extent. Punten op dezelfde positie zijn één locatie. Zonder azimutveld krijgt elke locatie één vlak.</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Clip to extent (when no polygons)</source>
      <translation>Bijsnijden tot extent (als er geen vlakken zijn)</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Clip to polygons (land, region)</source>
      <translation>Bijsnijden tot vlakken (land, regio)</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Coverage</source>
      <translation>Dekking</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Coverage polygons from antenna sites</source>
      <translation>Dekkingsvlakken uit antennelocaties</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Druktemeter</source>
      <translation>Druktemeter</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/source.py" />
      <source>Druktemeter simulator (EXERCISE / DEMO)</source>
      <translation>Druktemeter-simulator (OEFENING / DEMO)</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/source.py" />
      <source>For training only; do not use for operational decisions.</source>
      <translation>Alleen voor oefeningen; niet gebruiken voor operationele beslissingen.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>No crowd data yet. Configure a feed under Settings, or switch on demo mode to practise without a network.</source>
      <translation>Nog geen drukte-gegevens. Stel een feed in via Instellingen, of zet de demomodus aan om zonder netwerk te oefenen.</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>Scenario file "{file}", {place}: {problem}. Correct the file or choose another scenario.</source>
      <translation>Scenariobestand "{file}", {place}: {problem}. Verbeter het bestand of kies een ander scenario.</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Show the Druktemeter crowd map panel</source>
      <translation>Toon het Druktemeter-paneel met de drukte-kaart</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/source.py" />
      <source>Simulated data for exercises: not real counts of real people</source>
      <translation>Gesimuleerde gegevens voor oefeningen: geen echte tellingen van echte mensen</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>The antenna sites layer cannot be read. Choose a point layer.</source>
      <translation>De laag met antennelocaties kan niet worden gelezen. Kies een puntenlaag.</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>The clip layer has no polygons. Choose another clip layer.</source>
      <translation>De bijsnijlaag bevat geen vlakken. Kies een andere bijsnijlaag.</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>The layer has no antenna sites (points). Choose a point layer with at least one point.</source>
      <translation>De laag bevat geen antennelocaties (punten). Kies een puntenlaag met minstens één punt.</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>a gathering has a location and a procession a path, not both</source>
      <translation>een bijeenkomst heeft een locatie en een optocht een route, niet allebei</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>a procession needs at least two waypoints</source>
      <translation>een optocht heeft minstens twee routepunten nodig</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>invalid JSON ({detail})</source>
      <translation>ongeldige JSON ({detail})</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>it cannot be read ({error})</source>
      <translation>het kan niet worden gelezen ({error})</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>it is not UTF-8 text</source>
      <translation>het is geen UTF-8-tekst</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>lies outside the region; check the order: longitude first, then latitude</source>
      <translation>ligt buiten de regio; controleer de volgorde: eerst lengtegraad, dan breedtegraad</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>line {line}, column {column}</source>
      <translation>regel {line}, kolom {column}</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>must be [longitude, latitude] in degrees (WGS84)</source>
      <translation>moet [lengtegraad, breedtegraad] in graden zijn (WGS84)</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>must be a list ([...])</source>
      <translation>moet een lijst zijn ([...])</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>must be a number</source>
      <translation>moet een getal zijn</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>must be a whole number</source>
      <translation>moet een geheel getal zijn</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>must be an object ({...})</source>
      <translation>moet een object zijn ({...})</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>must be greater than zero</source>
      <translation>moet groter dan nul zijn</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>must be text in double quotes</source>
      <translation>moet tekst tussen dubbele aanhalingstekens zijn</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>must come after {earlier}</source>
      <translation>moet na {earlier} komen</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>no bundled scenario has this name (bundled: {names}); give a file path for your own</source>
      <translation>er is geen meegeleverd scenario met deze naam (meegeleverd: {names}); geef voor een eigen scenario het pad van het bestand</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>the file</source>
      <translation>het bestand</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>the name</source>
      <translation>de naam</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>the top level</source>
      <translation>het hoogste niveau</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>this required field is missing</source>
      <translation>dit verplichte veld ontbreekt</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>unknown event kind "{kind}"; use one of: {kinds}</source>
      <translation>onbekende soort gebeurtenis "{kind}"; gebruik een van: {kinds}</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>unknown field; known fields: {names}</source>
      <translation>onbekend veld; bekende velden: {names}</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>unknown region; known: {names}</source>
      <translation>onbekende regio; bekend: {names}</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>waypoint times must increase</source>
      <translation>de tijden van de routepunten moeten oplopen</translation>
    </message>
  </context>
</TS>

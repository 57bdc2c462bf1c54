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
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Antenna sites</source>
      <translation>Antennelocaties</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Area (km²)</source>
      <translation>Oppervlakte (km²)</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Azimuth field (degrees from north, clockwise)</source>
      <translation>Veld met azimut (graden vanaf het noorden, met de klok mee)</translation>
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
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Builds a coverage polygon per antenna: the area closer to its site than to any other (Voronoi), split into sectors halfway between the azimuths of the antennas on the same site, and clipped to the clip polygons or the extent. Points at the same position are one site. Without an azimuth field every site gets one polygon.</source>
      <translation>Maakt per antenne een dekkingsvlak: het gebied dat dichter bij de eigen locatie ligt dan bij elke andere (Voronoi), verdeeld in sectoren halverwege tussen de azimuts van de antennes op dezelfde locatie, en bijgesneden tot de bijsnijvlakken of het extent. Punten op dezelfde positie zijn één locatie. Zonder azimutveld krijgt elke locatie één vlak.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Cell</source>
      <translation>Cel</translation>
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
      <location filename="../plugin/core/status.py" />
      <source>Connecting to the feed…</source>
      <translation>Verbinden met de feed…</translation>
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
      <location filename="../plugin/core/status.py" />
      <source>Data stale: the newest interval ended at {end}, {minutes} minutes ago. The feed answers but sends nothing newer; inform the provider if this lasts.</source>
      <translation>Gegevens verouderd: het nieuwste interval eindigde om {end}, {minutes} minuten geleden. De feed antwoordt maar stuurt niets nieuwers; meld het aan de leverancier als dit voortduurt.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Demo mode (offline exercise, no network)</source>
      <translation type="unfinished" />
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
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Druktemeter — crowd per antenna cell</source>
      <translation>Druktemeter — drukte per antennecel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>EXERCISE / DEMO — simulated data, not a live situation</source>
      <translation type="unfinished" />
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
      <location filename="../plugin/core/status.py" />
      <source>Feed OK: interval {start}–{end}.</source>
      <translation>Feed in orde: interval {start}–{end}.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>Feed address not found (404). Check the feed address in Settings.</source>
      <translation>Feedadres niet gevonden (404). Controleer het feedadres in Instellingen.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>Feed connection not trusted: the server's certificate was refused. The last good data stays on the map. Check the feed address, and ask IT whether the certificate or a proxy is the cause.</source>
      <translation>Feedverbinding niet vertrouwd: het certificaat van de server is geweigerd. De laatste goede gegevens blijven op de kaart. Controleer het feedadres en vraag ICT of het certificaat of een proxy de oorzaak is.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Feed failed</source>
      <translation>Gegevensbron mislukt</translation>
    </message>
    <message>
      <location filename="../plugin/core/status.py" />
      <source>Feed paused: the map keeps the last data received. Resume to update.</source>
      <translation>Feed gepauzeerd: de kaart houdt de laatst ontvangen gegevens. Hervat om bij te werken.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>Feed refused access: this account may not read the feed. Ask the provider to grant access, then check the authentication in Settings.</source>
      <translation>Feed weigert toegang: dit account mag de feed niet lezen. Vraag de leverancier om toegang en controleer daarna de authenticatie in Instellingen.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>Feed refused the login: the token is missing, wrong or expired. Check the authentication configuration in Settings.</source>
      <translation>Feed weigert de aanmelding: het token ontbreekt, is onjuist of verlopen. Controleer de authenticatieconfiguratie in Instellingen.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>Feed unreachable: it did not answer in time. The last good data stays on the map; retrying. If this lasts, check the network or ask the provider.</source>
      <translation>Feed onbereikbaar: geen antwoord binnen de tijd. De laatste goede gegevens blijven op de kaart; er wordt opnieuw geprobeerd. Duurt dit voort, controleer dan het netwerk of vraag het de leverancier.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>Feed unreachable: no connection. The last good data stays on the map; retrying. If this lasts, check the network, the proxy and the feed address in Settings.</source>
      <translation>Feed onbereikbaar: geen verbinding. De laatste goede gegevens blijven op de kaart; er wordt opnieuw geprobeerd. Duurt dit voort, controleer dan het netwerk, de proxy en het feedadres in Instellingen.</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/source.py" />
      <source>For training only; do not use for operational decisions.</source>
      <translation>Alleen voor oefeningen; niet gebruiken voor operationele beslissingen.</translation>
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
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Jump</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Jump to time of day</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>No crowd data yet. Configure a feed under Settings, or switch on demo mode to practise without a network.</source>
      <translation>Nog geen drukte-gegevens. Stel een feed in via Instellingen, of zet de demomodus aan om zonder netwerk te oefenen.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Pause</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Replay</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Restart exercise</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>STALE: the map shows old data</source>
      <translation>VEROUDERD: de kaart toont oude gegevens</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Scenario</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>Scenario file "{file}", {place}: {problem}. Correct the file or choose another scenario.</source>
      <translation>Scenariobestand "{file}", {place}: {problem}. Verbeter het bestand of kies een ander scenario.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Seed</source>
      <translation type="unfinished" />
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
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Simulated time</source>
      <translation type="unfinished" />
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
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Speed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Stale: these counts are out of date</source>
      <translation>Verouderd: deze aantallen zijn niet actueel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Start</source>
      <translation type="unfinished" />
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
      <location filename="../plugin/core/status.py" />
      <source>The data on the map is stale.</source>
      <translation>De gegevens op de kaart zijn verouderd.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>The feed asks to poll less often (too many requests). Waiting as asked; consider a longer polling interval in Settings.</source>
      <translation>De feed vraagt minder vaak op te halen (te veel verzoeken). Er wordt gewacht zoals gevraagd; overweeg een langer ophaalinterval in Instellingen.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>The feed could not be read. The last good data stays on the map; retrying.</source>
      <translation>De feed kon niet worden gelezen. De laatste goede gegevens blijven op de kaart; er wordt opnieuw geprobeerd.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>The feed has a fault of its own (error {status}). The last good data stays on the map; retrying. If this lasts, inform the provider.</source>
      <translation>De feed heeft zelf een storing (fout {status}). De laatste goede gegevens blijven op de kaart; er wordt opnieuw geprobeerd. Duurt dit voort, meld het dan aan de leverancier.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>The feed sent an interval from the future (ending {end} UTC). It was rejected; check the clock of this computer, or inform the provider if the clock is right.</source>
      <translation>De feed stuurde een interval uit de toekomst (eindigt {end} UTC). Het is geweigerd; controleer de klok van deze computer, of meld het aan de leverancier als de klok klopt.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>The feed sent an older interval (ending {end} UTC) than the one shown ({shown} UTC). It was rejected; the newer data stays on the map.</source>
      <translation>De feed stuurde een ouder interval (eindigt {end} UTC) dan het getoonde ({shown} UTC). Het is geweigerd; de nieuwere gegevens blijven op de kaart.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>The feed sent data that cannot be used: {reason}. It was rejected as a whole; the last good data stays on the map. Inform the provider if this lasts.</source>
      <translation>De feed stuurde onbruikbare gegevens: {reason}. Ze zijn in hun geheel geweigerd; de laatste goede gegevens blijven op de kaart. Meld het aan de leverancier als dit voortduurt.</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>The layer has no antenna sites (points). Choose a point layer with at least one point.</source>
      <translation>De laag bevat geen antennelocaties (punten). Kies een puntenlaag met minstens één punt.</translation>
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
      <location filename="../plugin/feed/errors.py" />
      <source>a position is not a pair of numbers</source>
      <translation>een positie is geen paar getallen</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>a position lies outside the longitude/latitude range</source>
      <translation>een positie ligt buiten het bereik van lengte-/breedtegraad</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>a procession needs at least two waypoints</source>
      <translation>een optocht heeft minstens twee routepunten nodig</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>a ring has fewer than four positions</source>
      <translation>een ring heeft minder dan vier posities</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>a ring is not closed</source>
      <translation>een ring is niet gesloten</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>cell '{cell}' ({where}) is not in the feed's cell list</source>
      <translation>cel '{cell}' ({where}) staat niet in de cellenlijst van de feed</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>cell '{cell}' appears more than once ({where})</source>
      <translation>cel '{cell}' komt meer dan eens voor ({where})</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>cell '{cell}' has a count that is not a whole number ({count})</source>
      <translation>cel '{cell}' heeft een aantal dat geen geheel getal is ({count})</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>cell '{cell}' has a negative count ({count})</source>
      <translation>cel '{cell}' heeft een negatief aantal ({count})</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>cell '{cell}' has a {geometry} geometry, which could be a location trace; only coverage polygons are accepted</source>
      <translation>cel '{cell}' heeft een {geometry}-geometrie, mogelijk een locatiespoor; alleen dekkingsvlakken worden geaccepteerd</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>cell '{cell}' has an impossible count ({count}, above {limit})</source>
      <translation>cel '{cell}' heeft een onmogelijk aantal ({count}, boven {limit})</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>cell '{cell}' has an invalid coverage polygon: {problem}</source>
      <translation>cel '{cell}' heeft een ongeldig dekkingsvlak: {problem}</translation>
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
      <location filename="../plugin/feed/errors.py" />
      <source>it contains '{key}' at {where}, which looks like a position or trace; counts carry no locations</source>
      <translation>ze bevatten '{key}' bij {where}, wat lijkt op een positie of spoor; aantallen bevatten geen locaties</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it contains '{key}' at {where}, which looks like a subscriber or device identifier; only aggregates are accepted</source>
      <translation>ze bevatten '{key}' bij {where}, wat lijkt op een abonnee- of toestelkenmerk; alleen geaggregeerde aantallen worden geaccepteerd</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it is larger than the limit of {limit_mb} MB</source>
      <translation>ze zijn groter dan de limiet van {limit_mb} MB</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>it is not UTF-8 text</source>
      <translation>het is geen UTF-8-tekst</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it is not a Polygon or MultiPolygon</source>
      <translation>het is geen Polygon of MultiPolygon</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it is not valid JSON (at {where})</source>
      <translation>het is geen geldige JSON (bij {where})</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it speaks API version {version}, this plugin understands v1</source>
      <translation>ze gebruiken API-versie {version}, deze plugin begrijpt v1</translation>
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
      <location filename="../plugin/feed/errors.py" />
      <source>the columns have different lengths (ids {ids}, counts {counts}, trends {trends})</source>
      <translation>de kolommen zijn ongelijk lang (ids {ids}, aantallen {counts}, trends {trends})</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>the file</source>
      <translation>het bestand</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>the interval ends before it starts ({start} to {end})</source>
      <translation>het interval eindigt voordat het begint ({start} tot {end})</translation>
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
      <location filename="../plugin/feed/errors.py" />
      <source>the transfer broke off: {received} of {expected} bytes arrived</source>
      <translation>de overdracht brak af: {received} van {expected} bytes kwamen aan</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>this required field is missing</source>
      <translation>dit verplichte veld ontbreekt</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>unknown</source>
      <translation>onbekend</translation>
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
      <location filename="../plugin/core/status.py" />
      <source>{reason} Next attempt at {time}.</source>
      <translation>{reason} Volgende poging om {time}.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>{seconds} s ago</source>
      <translation>{seconds} s geleden</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>{where} has a value outside the contract ({value})</source>
      <translation>{where} heeft een waarde buiten het contract ({value})</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>{where} is missing or has the wrong type (expected: {expected})</source>
      <translation>{where} ontbreekt of heeft het verkeerde type (verwacht: {expected})</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>{where} is not a UTC time in ISO 8601 ({value})</source>
      <translation>{where} is geen UTC-tijd in ISO 8601 ({value})</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>{where} is not a known trend ({value})</source>
      <translation>{where} is geen bekende trend ({value})</translation>
    </message>
  </context>
</TS>

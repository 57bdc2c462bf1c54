<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
  <context>
    <name>Druktemeter</name>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source> days</source>
      <translation> dagen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source> min</source>
      <translation> min</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source> per km²</source>
      <translation> per km²</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source> s</source>
      <translation> s</translation>
    </message>
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
    <message numerus="yes">
      <location filename="../plugin/gui/alert_panel.py" />
      <source>%n alert(s) not acknowledged</source>
      <translation>
        <numerusform>%n melding niet bevestigd</numerusform>
        <numerusform>%n meldingen niet bevestigd</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../plugin/gui/history_panel.py" />
      <source>%n cell(s) exported to {0}</source>
      <translation>
        <numerusform>%n cel geëxporteerd naar {0}</numerusform>
        <numerusform>%n cellen geëxporteerd naar {0}</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../plugin/gui/alert_panel.py" />
      <source>%n crowd alert(s) in {0}; highest: {1}, count {2}.</source>
      <translation>
        <numerusform>%n drukte-melding in {0}; hoogste: {1}, aantal {2}.</numerusform>
        <numerusform>%n drukte-meldingen in {0}; hoogste: {1}, aantal {2}.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../plugin/gui/situation_panel.py" />
      <source>%n open alert(s)</source>
      <translation>
        <numerusform>%n openstaande melding</numerusform>
        <numerusform>%n openstaande meldingen</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../plugin/gui/alert_panel.py" />
      <source>%n record(s) exported to {0}</source>
      <translation>
        <numerusform>%n regel geëxporteerd naar {0}</numerusform>
        <numerusform>%n regels geëxporteerd naar {0}</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../plugin/runtime/alert_service.py" />
      <source>(newer records not kept: {0})</source>
      <translation>(nieuwere regels niet bewaard: {0})</translation>
    </message>
    <message>
      <location filename="../plugin/core/history.py" />
      <source>15 minutes earlier</source>
      <translation>15 minuten eerder</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>&lt; {min_count} (suppressed)</source>
      <translation>&lt; {min_count} (afgeschermd)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>A region drawn on the map.</source>
      <translation>Een op de kaart getekende regio.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>A rule set to 0 is off. Alerts come only from cells inside or overlapping the region.</source>
      <translation>Een regel met waarde 0 staat uit. Meldingen komen alleen van cellen die binnen de regio liggen of deze overlappen.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Acknowledge all</source>
      <translation>Alles bevestigen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Acknowledge selected</source>
      <translation>Selectie bevestigen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Acknowledged</source>
      <translation>Bevestigd</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Acknowledges alert id</source>
      <translation>Bevestigt melding-id</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Add PDOK BRT-Achtergrondkaart (grey) below the crowd layer; needs the internet</source>
      <translation>Voeg de PDOK BRT-Achtergrondkaart (grijs) toe onder de drukte-laag; vraagt internet</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Add a layer that the Temporal Controller plays back; the live map keeps updating</source>
      <translation>Voeg een laag toe die de Temporal Controller afspeelt; de live kaart blijft bijwerken</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Add background map</source>
      <translation>Achtergrondkaart toevoegen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Add the crowd layer to the map if it was removed, and zoom to it</source>
      <translation>Zet de drukte-laag weer op de kaart als die is verwijderd, en zoom ernaar</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>After feed outage or start</source>
      <translation>Na storing van de feed of bij start</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Age</source>
      <translation>Leeftijd</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Alert id</source>
      <translation>Melding-id</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Alerts</source>
      <translation>Meldingen</translation>
    </message>
    <message>
      <location filename="../plugin/runtime/alert_service.py" />
      <source>Alerts still show here; records waiting in memory: {0}</source>
      <translation>Meldingen verschijnen hier nog steeds; regels die in het geheugen wachten: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/overview.py" />
      <source>Antenna cells</source>
      <translation>Antennecellen</translation>
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
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Asking the feed…</source>
      <translation>De feed wordt bevraagd…</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Authentication</source>
      <translation>Authenticatie</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Authentication configuration {0} does not exist on this workstation yet. Create or import it (QGIS Options, Authentication) with this id; until then the feed is asked without a token.</source>
      <translation>Authenticatieconfiguratie {0} bestaat nog niet op deze werkplek. Maak of importeer haar (QGIS-opties, Authenticatie) met dit id; tot die tijd wordt de feed zonder token bevraagd.</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Azimuth field (degrees from north, clockwise)</source>
      <translation>Veld met azimut (graden vanaf het noorden, met de klok mee)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Background map (PDOK)</source>
      <translation>Achtergrondkaart (PDOK)</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Background map added: {0}. {1}</source>
      <translation>Achtergrondkaart toegevoegd: {0}. {1}</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Band</source>
      <translation>Klasse</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Boundary from a layer</source>
      <translation>Grens uit een laag</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Briefing (PDF)…</source>
      <translation>Briefing (pdf)…</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Briefing saved to {0}</source>
      <translation>Briefing opgeslagen in {0}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Browse…</source>
      <translation>Bladeren…</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>Builds a coverage polygon per antenna: the area closer to its site than to any other (Voronoi), split into sectors halfway between the azimuths of the antennas on the same site, and clipped to the clip polygons or the extent. Points at the same position are one site. Without an azimuth field every site gets one polygon.</source>
      <translation>Maakt per antenne een dekkingsvlak: het gebied dat dichter bij de eigen locatie ligt dan bij elke andere (Voronoi), verdeeld in sectoren halverwege tussen de azimuts van de antennes op dezelfde locatie, en bijgesneden tot de bijsnijvlakken of het extent. Punten op dezelfde positie zijn één locatie. Zonder azimutveld krijgt elke locatie één vlak.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/situation_panel.py" />
      <source>Busiest</source>
      <translation>Drukst</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>Busiest cells now</source>
      <translation>Drukste cellen nu</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>CSV files (*.csv)</source>
      <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Cell</source>
      <translation>Cel</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Cell {0} is no longer in the feed.</source>
      <translation>Cel {0} zit niet meer in de feed.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Cell {0}, count {1} ({2}), {3}</source>
      <translation>Cel {0}, aantal {1} ({2}), {3}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Certificate checking is off: anyone between this workstation and the feed could read the token or change the counts. Only for tests.</source>
      <translation>De certificaatcontrole staat uit: iedereen tussen deze werkplek en de feed kan het token lezen of de aantallen wijzigen. Alleen voor tests.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Choose 0 (off) or a count up to {1}.</source>
      <translation>Kies 0 (uit) of een aantal tot en met {1}.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Choose 0 (off) or a density up to {1}.</source>
      <translation>Kies 0 (uit) of een dichtheid tot en met {1}.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Choose 0 (off) or a rise up to {1} %.</source>
      <translation>Kies 0 (uit) of een stijging tot en met {1} %.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Choose a ratio between {0} and {1}.</source>
      <translation>Kies een verhouding tussen {0} en {1}.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Choose between {0} and {1} minutes.</source>
      <translation>Kies tussen {0} en {1} minuten.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Choose between {0} and {1} seconds.</source>
      <translation>Kies tussen {0} en {1} seconden.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Choose one of: {0}.</source>
      <translation>Kies een van: {0}.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Cleared</source>
      <translation>Opgeheven</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Clears below (share of threshold)</source>
      <translation>Opheffen onder (deel van de drempel)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/region_tool.py" />
      <source>Click the corners of the region; double-click or right-click to finish, Esc cancels.</source>
      <translation>Klik op de hoeken van de regio; dubbelklik of klik met de rechtermuisknop om af te ronden, Esc annuleert.</translation>
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
      <location filename="../plugin/gui/history_panel.py" />
      <source>Compare with</source>
      <translation>Vergelijk met</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Compare: fewer movements than yesterday?</source>
      <translation>Vergelijken: minder verplaatsingen dan gisteren?</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Configuration exported to {0}. It holds no token.</source>
      <translation>Configuratie geëxporteerd naar {0}. Er staat geen token in.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Configuration files (*.json)</source>
      <translation>Configuratiebestanden (*.json)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Configuration files (*.json);;All files (*)</source>
      <translation>Configuratiebestanden (*.json);;Alle bestanden (*)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Configuration read from {0}. Check it and press OK to apply.</source>
      <translation>Configuratie gelezen uit {0}. Controleer haar en druk op OK om haar toe te passen.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Connect timeout</source>
      <translation>Time-out verbinden</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>Connected. Provider: {0}. Latest interval ends {1} (local time); {2}-minute intervals.</source>
      <translation>Verbonden. Leverancier: {0}. Laatste interval eindigt {1} (lokale tijd); intervallen van {2} minuten.</translation>
    </message>
    <message>
      <location filename="../plugin/core/status.py" />
      <source>Connecting to the feed…</source>
      <translation>Verbinden met de feed…</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Cooldown after clearing</source>
      <translation>Wachttijd na opheffen</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Count</source>
      <translation>Aantal</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Count (number)</source>
      <translation>Aantal (getal)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Count band edges</source>
      <translation>Klassegrenzen (aantallen)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Count threshold</source>
      <translation>Drempel aantal</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>Counts are anonymised totals per antenna cell; cells under the privacy floor are shown as suppressed, never as a number. Movement is a lower bound (docs/statistics.md).</source>
      <translation>Aantallen zijn geanonimiseerde totalen per antennecel; cellen onder de privacydrempel staan er als onderdrukt, nooit als getal. Verplaatsingen zijn een ondergrens (docs/statistics.md).</translation>
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
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Crowd alert in {0}: {1}, count {2} ({3}).</source>
      <translation>Drukte-melding in {0}: {1}, aantal {2} ({3}).</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>Crowd briefing: {0}</source>
      <translation>Drukte-briefing: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Data provider</source>
      <translation>Gegevensprovider</translation>
    </message>
    <message>
      <location filename="../plugin/core/status.py" />
      <source>Data stale: the newest interval ended at {end}, {minutes} minutes ago. The feed answers but sends nothing newer; inform the provider if this lasts.</source>
      <translation>Gegevens verouderd: het nieuwste interval eindigde om {end}, {minutes} minuten geleden. De feed antwoordt maar stuurt niets nieuwers; meld het aan de leverancier als dit voortduurt.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Demo mode (offline exercise, no network)</source>
      <translation>Demomodus (offline oefening, geen netwerk)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Density threshold</source>
      <translation>Drempel dichtheid</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Draw on map…</source>
      <translation>Op de kaart tekenen…</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Drawn as (band, trend, state packed)</source>
      <translation>Getekend als (klasse, trend, toestand samen)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Drawn on the map</source>
      <translation>Op de kaart getekend</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Druktemeter</source>
      <translation>Druktemeter</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>Druktemeter briefing</source>
      <translation>Druktemeter-briefing</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Druktemeter settings</source>
      <translation>Druktemeter-instellingen</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Druktemeter settings…</source>
      <translation>Druktemeter-instellingen…</translation>
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
      <location filename="../plugin/mapping/overview.py" />
      <source>Druktemeter — national overview</source>
      <translation>Druktemeter — landelijk overzicht</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/playback.py" />
      <source>Druktemeter — play-back {0}</source>
      <translation>Druktemeter — terugspelen {0}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>EXERCISE / DEMO — simulated data, not a live situation</source>
      <translation>OEFENING / DEMO — gesimuleerde gegevens, geen echte situatie</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>EXERCISE — simulated data</source>
      <translation>OEFENING — gesimuleerde gegevens</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>EXERCISE: {0}</source>
      <translation>OEFENING: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Each band edge must be larger than the one before it.</source>
      <translation>Elke klassegrens moet groter zijn dan de vorige.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Enter a valid feed address first.</source>
      <translation>Vul eerst een geldig feedadres in.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Enter a web address that starts with http:// or https://, e.g. https://feed.example.nl</source>
      <translation>Vul een webadres in dat begint met http:// of https://, bijvoorbeeld https://feed.example.nl</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Enter at least one band edge.</source>
      <translation>Vul minstens één klassegrens in.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Enter whole numbers separated by commas, e.g. 15,50,150,500</source>
      <translation>Vul hele getallen in, gescheiden door komma's, bijvoorbeeld 15,50,150,500</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Event</source>
      <translation>Gebeurtenis</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Expected {0}, got {1!r}.</source>
      <translation>Verwacht: {0}, gekregen: {1!r}.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Export alert log</source>
      <translation>Meldingenlog exporteren</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Export configuration</source>
      <translation>Configuratie exporteren</translation>
    </message>
    <message>
      <location filename="../plugin/gui/history_panel.py" />
      <source>Export snapshot</source>
      <translation>Momentopname exporteren</translation>
    </message>
    <message>
      <location filename="../plugin/gui/history_panel.py" />
      <source>Export snapshot…</source>
      <translation>Momentopname exporteren…</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Export…</source>
      <translation>Exporteren…</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Feature expression</source>
      <translation>Objectexpressie</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Feed</source>
      <translation>Feed</translation>
    </message>
    <message>
      <location filename="../plugin/core/status.py" />
      <source>Feed OK: interval {start}–{end}.</source>
      <translation>Feed in orde: interval {start}–{end}.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Feed address</source>
      <translation>Feedadres</translation>
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
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Fill this form from a configuration file; OK applies it</source>
      <translation>Vul dit formulier vanuit een configuratiebestand; OK past het toe</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/source.py" />
      <source>For training only; do not use for operational decisions.</source>
      <translation>Alleen voor oefeningen; niet gebruiken voor operationele beslissingen.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Found on the first data after a feed outage or a start, together with any others.</source>
      <translation>Gevonden in de eerste gegevens na een storing van de feed of na het starten, samen met eventuele andere.</translation>
    </message>
    <message>
      <location filename="../plugin/runtime/alert_service.py" />
      <source>Free disk space or fix the folder; writing is retried every 30 seconds.</source>
      <translation>Maak schijfruimte vrij of herstel de map; elke 30 seconden wordt opnieuw geprobeerd te schrijven.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Gaps: too few valid cells (or nothing recorded) at that time.</source>
      <translation>Gaten: op dat moment te weinig geldige cellen (of niets vastgelegd).</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>History</source>
      <translation>Geschiedenis</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>History is kept for live data only; exercises are not recorded.</source>
      <translation>Geschiedenis wordt alleen voor echte gegevens bijgehouden; oefeningen worden niet vastgelegd.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Import a less safe configuration?</source>
      <translation>Een minder veilige configuratie importeren?</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Import configuration</source>
      <translation>Configuratie importeren</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Import…</source>
      <translation>Importeren…</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Interval</source>
      <translation>Interval</translation>
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
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Interval ending {0} (UTC {1})</source>
      <translation>Interval tot {0} (UTC {1})</translation>
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
      <location filename="../plugin/core/snapshot_csv.py" />
      <source>Interval start (UTC)</source>
      <translation>Begin interval (UTC)</translation>
    </message>
    <message>
      <location filename="../plugin/core/snapshot_csv.py" />
      <source>Interval start (local time)</source>
      <translation>Begin interval (lokale tijd)</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Interval until</source>
      <translation>Interval tot</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>Interval {0}–{1}</source>
      <translation>Interval {0}–{1}</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>It connects to the feed without encryption (http://): {0}</source>
      <translation>Het verbindt zonder versleuteling (http://) met de feed: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>It turns off checking the feed's certificate (TLS).</source>
      <translation>Het zet de controle van het certificaat van de feed (TLS) uit.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Jump</source>
      <translation>Spring</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Jump to time of day</source>
      <translation>Spring naar tijdstip</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Keep history between {0} and {1} days.</source>
      <translation>Bewaar de historie tussen {0} en {1} dagen.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Keep history for</source>
      <translation>Historie bewaren gedurende</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/context_layers.py" />
      <source>Land (safety regions, offline)</source>
      <translation>Land (veiligheidsregio's, offline)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Layer file or source</source>
      <translation>Laagbestand of bron</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Layer in the project</source>
      <translation>Laag in het project</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>Legend</source>
      <translation>Legenda</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Map and history</source>
      <translation>Kaart en historie</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>Missing setting: {0}</source>
      <translation>Instelling ontbreekt: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Movement</source>
      <translation>Verplaatsingen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>NOT acknowledged</source>
      <translation>NIET bevestigd</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/overview.py" />
      <source>National overview: every cell coloured by its band. Zoom in to 1:500,000 or closer for each cell with its count and trend.</source>
      <translation>Landelijk overzicht: elke cel gekleurd naar haar klasse. Zoom in tot 1:500.000 of dichterbij voor elke cel met haar aantal en trend.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>No Druktemeter feed at this address (404). Check the address.</source>
      <translation>Geen Druktemeter-feed op dit adres (404). Controleer het adres.</translation>
    </message>
    <message>
      <location filename="../plugin/runtime/alert_service.py" />
      <source>No alerts: {0}</source>
      <translation>Geen meldingen: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/compare.py" />
      <source>No cell was counted both now and {0}; nothing to compare.</source>
      <translation>Geen enkele cel is zowel nu als {0} geteld; er valt niets te vergelijken.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>No connection: check the address, the network and the proxy.</source>
      <translation>Geen verbinding: controleer het adres, het netwerk en de proxy.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>No crowd data yet. Configure a feed under Settings, or switch on demo mode to practise without a network.</source>
      <translation>Nog geen drukte-gegevens. Stel een feed in via Instellingen, of zet de demomodus aan om zonder netwerk te oefenen.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/region.py" />
      <source>No feature in the region layer matches {0}.</source>
      <translation>Geen object in de regiolaag voldoet aan {0}.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>No figures for this interval.</source>
      <translation>Geen cijfers voor dit interval.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/history_panel.py" />
      <source>No history for that moment yet.</source>
      <translation>Nog geen geschiedenis voor dat moment.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>No interval shown yet.</source>
      <translation>Nog geen interval getoond.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>No open alerts</source>
      <translation>Geen openstaande meldingen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>No region drawn yet: use Draw on map.</source>
      <translation>Nog geen regio getekend: gebruik Op de kaart tekenen.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>No region set: no alerts will be raised, except in demo mode (Brabant-Noord).</source>
      <translation>Geen regio ingesteld: er worden geen meldingen gegeven, behalve in demomodus (Brabant-Noord).</translation>
    </message>
    <message>
      <location filename="../plugin/runtime/alert_service.py" />
      <source>No region set: no alerts will be raised.</source>
      <translation>Geen regio ingesteld: er worden geen meldingen gegeven.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>None chosen (demo mode: Brabant-Noord)</source>
      <translation>Geen gekozen (demomodus: Brabant-Noord)</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/overview.py" />
      <source>Note</source>
      <translation>Opmerking</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/playback.py" />
      <source>Nothing was recorded in that window; there is nothing to play back.</source>
      <translation>In die periode is niets vastgelegd; er is niets om terug te spelen.</translation>
    </message>
    <message>
      <location filename="../plugin/core/compare.py" />
      <source>Now {0} in {1} cells vs {2} {3} ({4}).</source>
      <translation>Nu {0} in {1} cellen tegen {2} {3} ({4}).</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Now: {0} people present; at least {1} movements; {2} % of the cells suppressed or without data.</source>
      <translation>Nu: {0} aanwezigen; minstens {1} verplaatsingen; {2} % van de cellen onderdrukt of zonder gegevens.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Official boundaries 2025, © CBS, gebiedsindelingen 2025 (CC BY 4.0)</source>
      <translation>Officiële grenzen 2025, © CBS, gebiedsindelingen 2025 (CC BY 4.0)</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/context_layers.py" />
      <source>Offline context: the safety regions as land.</source>
      <translation>Offline context: de veiligheidsregio's als land.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/exercise.py" />
      <source>Only the trainer can steer the exercise: this station's token is refused.</source>
      <translation>Alleen de trainer kan de oefening sturen: het token van dit werkstation wordt geweigerd.</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>PDF files (*.pdf)</source>
      <translation>Pdf-bestanden (*.pdf)</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/context_layers.py" />
      <source>PDOK BRT-Achtergrondkaart ({0})</source>
      <translation>PDOK BRT-Achtergrondkaart ({0})</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Pause</source>
      <translation>Pauzeer</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Pause updates</source>
      <translation>Updates pauzeren</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Place</source>
      <translation>Plaats</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>Place / cell</source>
      <translation>Plaats / cel</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/context_layers.py" />
      <source>Place names</source>
      <translation>Plaatsnamen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Places (*.json *.geojson);;All files (*)</source>
      <translation>Plaatsen (*.json *.geojson);;Alle bestanden (*)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Places file</source>
      <translation>Plaatsenbestand</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Places file (names cells)</source>
      <translation>Plaatsenbestand (geeft cellen een naam)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Play a sound with a new alert</source>
      <translation>Geluid bij een nieuwe melding</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Play back</source>
      <translation>Terugspelen</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Play-back layer added. Play it with the Temporal Controller (View ▸ Panels); the live map keeps updating.</source>
      <translation>Terugspeellaag toegevoegd. Speel hem af met de Temporal Controller (Beeld ▸ Panelen); de live kaart blijft bijwerken.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Polling interval</source>
      <translation>Opvraaginterval</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Preparing the chart…</source>
      <translation>Grafiek wordt voorbereid…</translation>
    </message>
    <message>
      <location filename="../plugin/runtime/monitor.py" />
      <source>Preparing the exercise</source>
      <translation>Oefening wordt voorbereid</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Presence</source>
      <translation>Aanwezigheid</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Putting the antenna cells on the map</source>
      <translation>Antennecellen worden op de kaart gezet</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Read timeout</source>
      <translation>Time-out lezen</translation>
    </message>
    <message>
      <location filename="../plugin/runtime/monitor.py" />
      <source>Reading the antenna cell list</source>
      <translation>Lijst met antennecellen wordt gelezen</translation>
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
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Region boundaries</source>
      <translation>Regiogrenzen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Region name</source>
      <translation>Naam van de regio</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Region: {0}</source>
      <translation>Regio: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Remove the token or key from the address: it would be stored and exported. Use an authentication configuration for the token.</source>
      <translation>Haal het token of de sleutel uit het adres: die zou worden opgeslagen en geëxporteerd. Gebruik een authenticatieconfiguratie voor het token.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Remove the user name and password from the address: they would be stored and exported. Use an authentication configuration for the token.</source>
      <translation>Haal de gebruikersnaam en het wachtwoord uit het adres: die zouden worden opgeslagen en geëxporteerd. Gebruik een authenticatieconfiguratie voor het token.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Replay</source>
      <translation>Afspelen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Restart exercise</source>
      <translation>Oefening herstarten</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Resume updates</source>
      <translation>Updates hervatten</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Rise within one interval</source>
      <translation>Stijging binnen één interval</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Rule</source>
      <translation>Regel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Safety region</source>
      <translation>Veiligheidsregio</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Safety region (veiligheidsregio)</source>
      <translation>Veiligheidsregio</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Safety region {0} (official boundary 2025, © CBS).</source>
      <translation>Veiligheidsregio {0} (officiële grens 2025, © CBS).</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>Save briefing</source>
      <translation>Briefing opslaan</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Save every alert in the log as a CSV file for an after-action review</source>
      <translation>Sla alle meldingen uit het log op als CSV-bestand voor de evaluatie achteraf</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Save this configuration as a file to roll it out to other workstations</source>
      <translation>Sla deze configuratie op als bestand om haar op andere werkplekken uit te rollen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Scenario</source>
      <translation>Scenario</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>Scenario file "{file}", {place}: {problem}. Correct the file or choose another scenario.</source>
      <translation>Scenariobestand "{file}", {place}: {problem}. Verbeter het bestand of kies een ander scenario.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Seed</source>
      <translation>Startwaarde (seed)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Selected cell</source>
      <translation>Geselecteerde cel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Settings…</source>
      <translation>Instellingen…</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Show</source>
      <translation>Tonen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Show crowd layer</source>
      <translation>Toon drukte-laag</translation>
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
      <translation>Gesimuleerde tijd</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Site</source>
      <translation>Locatie</translation>
    </message>
    <message>
      <location filename="../plugin/gui/dock.py" />
      <source>Situation</source>
      <translation>Situatie</translation>
    </message>
    <message>
      <location filename="../plugin/gui/status_panel.py" />
      <source>Source</source>
      <translation>Bron</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>Source: {0}</source>
      <translation>Bron: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Speed</source>
      <translation>Snelheid</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>Stale: these counts are out of date</source>
      <translation>Verouderd: deze aantallen zijn niet actueel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/demo_panel.py" />
      <source>Start</source>
      <translation>Start</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Start of the stretch to play back on the map</source>
      <translation>Begin van de periode die op de kaart wordt teruggespeeld</translation>
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
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Test connection</source>
      <translation>Verbinding testen</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/playback.py" />
      <source>That play-back would hold too many cells and intervals. Choose a shorter window, or set a region so only its cells are played back.</source>
      <translation>Die terugspeellaag zou te veel cellen en intervallen bevatten. Kies een kortere periode, of stel een regio in zodat alleen haar cellen worden teruggespeeld.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/context_layers.py" />
      <source>The Dutch government's standard background map.</source>
      <translation>De standaard-achtergrondkaart van de Nederlandse overheid.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>The address answered, but not like a Druktemeter feed. Check the address.</source>
      <translation>Het adres antwoordde, maar niet als een Druktemeter-feed. Controleer het adres.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>The address forwards to another server, which the plugin does not follow. Enter the final address (ask the provider for it).</source>
      <translation>Het adres stuurt door naar een andere server; de plug-in volgt dat niet. Voer het uiteindelijke adres in (vraag het de leverancier).</translation>
    </message>
    <message>
      <location filename="../plugin/runtime/alert_service.py" />
      <source>The alert log cannot be written ({0}): {1}.</source>
      <translation>Het meldingenlog kan niet worden geschreven ({0}): {1}.</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>The alert log is written again; alerts held in memory have been saved.</source>
      <translation>Het meldingenlog wordt weer geschreven; de meldingen uit het geheugen zijn opgeslagen.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>The alerts could not be exported to {0} ({1}). Choose another folder.</source>
      <translation>De meldingen konden niet worden geëxporteerd naar {0} ({1}). Kies een andere map.</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>The antenna sites layer cannot be read. Choose a point layer.</source>
      <translation>De laag met antennelocaties kan niet worden gelezen. Kies een puntenlaag.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>The briefing could not be saved to {0}. Choose another folder.</source>
      <translation>De briefing kon niet worden opgeslagen in {0}. Kies een andere map.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>The chart appears with the first interval.</source>
      <translation>De grafiek verschijnt bij het eerste interval.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>The chart needs matplotlib, which this QGIS installation lacks. The sentence above still answers the question; ask your administrator to install matplotlib.</source>
      <translation>De grafiek heeft matplotlib nodig, dat in deze QGIS-installatie ontbreekt. De zin hierboven beantwoordt de vraag nog steeds; vraag uw beheerder matplotlib te installeren.</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>The clip layer has no polygons. Choose another clip layer.</source>
      <translation>De bijsnijlaag bevat geen vlakken. Kies een andere bijsnijlaag.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>The configuration could not be saved: {0}</source>
      <translation>De configuratie kon niet worden opgeslagen: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>The configuration file contains no settings.</source>
      <translation>Het configuratiebestand bevat geen instellingen.</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>The configuration file has no valid schema version.</source>
      <translation>Het configuratiebestand heeft geen geldige schemaversie.</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>The configuration was not imported; nothing was changed.</source>
      <translation>De configuratie is niet geïmporteerd; er is niets gewijzigd.</translation>
    </message>
    <message>
      <location filename="../plugin/core/history.py" />
      <source>The crowd history cannot be used right now. The live map is not affected.</source>
      <translation>De drukte-geschiedenis is nu niet te gebruiken. De live kaart werkt gewoon door.</translation>
    </message>
    <message>
      <location filename="../plugin/core/history.py" />
      <source>The crowd history cannot be used: {0} ({1}). The live map is not affected and the history file is kept; free disk space or fix the folder, then restart QGIS to use it again.</source>
      <translation>De drukte-geschiedenis kan niet worden gebruikt: {0} ({1}). De live kaart werkt gewoon en het geschiedenisbestand blijft bewaard; maak schijfruimte vrij of herstel de map en start QGIS daarna opnieuw om het weer te gebruiken.</translation>
    </message>
    <message>
      <location filename="../plugin/core/history.py" />
      <source>The crowd history file is damaged and cannot be read. The live map is not affected; comparisons are unavailable. Restart QGIS to start a new, empty history.</source>
      <translation>Het bestand met de drukte-geschiedenis is beschadigd en niet te lezen. De live kaart werkt gewoon door; vergelijken is niet mogelijk. Start QGIS opnieuw om met een nieuwe, lege geschiedenis te beginnen.</translation>
    </message>
    <message>
      <location filename="../plugin/core/history.py" />
      <source>The crowd history file is in use by another program. The live map is not affected. Close other QGIS windows that use Druktemeter, or restart QGIS.</source>
      <translation>Het bestand met de drukte-geschiedenis is in gebruik door een ander programma. De live kaart werkt gewoon door. Sluit andere QGIS-vensters die Druktemeter gebruiken, of start QGIS opnieuw.</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>The crowd history is unavailable, so there is nothing to compare with.</source>
      <translation>De druktegeschiedenis is niet beschikbaar, dus er is niets om mee te vergelijken.</translation>
    </message>
    <message>
      <location filename="../plugin/core/status.py" />
      <source>The data on the map is stale.</source>
      <translation>De gegevens op de kaart zijn verouderd.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/region.py" />
      <source>The drawn region is not a valid polygon. Draw the region on the map again.</source>
      <translation>De getekende regio is geen geldige polygoon. Teken de regio opnieuw op de kaart.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/exercise.py" />
      <source>The exercise service cannot be reached; the exercise runs on unchanged.</source>
      <translation>De oefenserver is niet bereikbaar; de oefening loopt ongewijzigd door.</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>The exercise service does not say which simulation it serves, so this station has no past to compare with; comparisons are shown in demo mode.</source>
      <translation>De oefendienst zegt niet welke simulatie hij levert, dus dit werkstation heeft geen verleden om mee te vergelijken; vergelijkingen zijn er in de demomodus.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/exercise.py" />
      <source>The exercise service refused the change (HTTP {0}).</source>
      <translation>De oefenserver weigerde de wijziging (HTTP {0}).</translation>
    </message>
    <message>
      <location filename="../plugin/feed/exercise.py" />
      <source>The exercise service sent an answer this plugin does not understand.</source>
      <translation>De oefenserver gaf een antwoord dat deze plugin niet begrijpt.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/region.py" />
      <source>The feature expression is not valid: {0}</source>
      <translation>De objectexpressie is ongeldig: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>The feed address forwards to another address, which the plugin does not follow so the token never goes elsewhere. Ask the provider for the final address and enter it in Settings.</source>
      <translation>Het feedadres stuurt door naar een ander adres; de plug-in volgt dat niet, zodat het token nergens anders heen gaat. Vraag de leverancier om het uiteindelijke adres en voer het in bij Instellingen.</translation>
    </message>
    <message>
      <location filename="../plugin/runtime/readers.py" />
      <source>The feed address in the settings is not used: {0}</source>
      <translation>Het feedadres in de instellingen wordt niet gebruikt: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>The feed answered with error {0}. Inform the provider if this lasts.</source>
      <translation>De feed antwoordde met fout {0}. Meld het aan de leverancier als dit aanhoudt.</translation>
    </message>
    <message>
      <location filename="../plugin/core/status.py" />
      <source>The feed answers but sends nothing newer; inform the provider if this lasts.</source>
      <translation>De feed antwoordt maar stuurt niets nieuwers; meld het aan de leverancier als dit voortduurt.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>The feed asks to poll less often (429). Try again in a minute.</source>
      <translation>De feed vraagt minder vaak op te vragen (429). Probeer het over een minuut opnieuw.</translation>
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
      <location filename="../plugin/gui/feed_probe.py" />
      <source>The feed did not answer in time. Check the network or try longer timeouts.</source>
      <translation>De feed antwoordde niet op tijd. Controleer het netwerk of probeer langere time-outs.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>The feed has a fault of its own (error {status}). The last good data stays on the map; retrying. If this lasts, inform the provider.</source>
      <translation>De feed heeft zelf een storing (fout {status}). De laatste goede gegevens blijven op de kaart; er wordt opnieuw geprobeerd. Duurt dit voort, meld het dan aan de leverancier.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>The feed refused access (403): ask the provider to grant this account access.</source>
      <translation>De feed weigerde de toegang (403): vraag de leverancier dit account toegang te geven.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>The feed refused the login (401): check the authentication configuration.</source>
      <translation>De feed weigerde de aanmelding (401): controleer de authenticatieconfiguratie.</translation>
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
      <location filename="../plugin/feed/errors.py" />
      <source>The feed token was not sent: it contains spaces, line breaks or other characters a token cannot have. Paste the token again in Settings → Options → Authentication.</source>
      <translation>Het feedtoken is niet verstuurd: het bevat spaties, regeleinden of andere tekens die een token niet kan hebben. Plak het token opnieuw in Extra → Opties → Authenticatie.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>The feed token was not sent: the Authorization header of the API Header configuration is not 'Bearer' followed by the token. Correct it in Settings → Options → Authentication.</source>
      <translation>Het feedtoken is niet verstuurd: de Authorization-header van de API Header-configuratie is niet 'Bearer' gevolgd door het token. Verbeter dat in Extra → Opties → Authenticatie.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>The feed's certificate was refused. Check the address or ask IT about it.</source>
      <translation>Het certificaat van de feed is geweigerd. Controleer het adres of vraag het na bij ICT.</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>The file could not be read: {0}</source>
      <translation>Het bestand kon niet worden gelezen: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>The file holds no usable places.</source>
      <translation>Het bestand bevat geen bruikbare plaatsen.</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>The file is not valid JSON (line {0}); it may be damaged or incomplete.</source>
      <translation>Het bestand is geen geldige JSON (regel {0}); het is mogelijk beschadigd of onvolledig.</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>The file names '{0}' twice, so it could be read in two ways; remove one of them.</source>
      <translation>Het bestand noemt '{0}' twee keer en kan dus op twee manieren gelezen worden; verwijder een van beide.</translation>
    </message>
    <message>
      <location filename="../plugin/processing/coverage_algorithm.py" />
      <source>The layer has no antenna sites (points). Choose a point layer with at least one point.</source>
      <translation>De laag bevat geen antennelocaties (punten). Kies een puntenlaag met minstens één punt.</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>The lowest band edge must be at least {0}: smaller counts are never shown.</source>
      <translation>De laagste klassegrens moet minstens {0} zijn: kleinere aantallen worden nooit getoond.</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>The map has no background yet.</source>
      <translation>De kaart heeft nog geen achtergrond.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/history_panel.py" />
      <source>The map image could not be saved to {0}.</source>
      <translation>De kaartafbeelding kon niet worden opgeslagen in {0}.</translation>
    </message>
    <message>
      <location filename="../plugin/core/places.py" />
      <source>The places file {0} cannot be read ({1}). Check the file or choose another one.</source>
      <translation>Het plaatsenbestand {0} kan niet worden gelezen ({1}). Controleer het bestand of kies een ander.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>The region layer and feature were found.</source>
      <translation>De regiolaag en het object zijn gevonden.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/region.py" />
      <source>The region layer could not be opened: {0}. Check the file or choose another layer.</source>
      <translation>De regiolaag kon niet worden geopend: {0}. Controleer het bestand of kies een andere laag.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/region.py" />
      <source>The region layer has no polygons. Choose a polygon layer.</source>
      <translation>De regiolaag bevat geen polygonen. Kies een polygoonlaag.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/context_layers.py" />
      <source>The region whose cells raise alerts.</source>
      <translation>De regio waarvan de cellen meldingen geven.</translation>
    </message>
    <message>
      <location filename="../plugin/druktemeter.py" />
      <source>The settings could not be saved to {0}. They apply now, but are lost when QGIS closes: check that the QGIS profile folder is writable and has free space.</source>
      <translation>De instellingen konden niet worden opgeslagen in {0}. Ze gelden nu, maar gaan verloren als QGIS sluit: controleer of de QGIS-profielmap beschrijfbaar is en vrije ruimte heeft.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/history_panel.py" />
      <source>The snapshot could not be saved to {0}. Choose another folder.</source>
      <translation>De momentopname kon niet worden opgeslagen in {0}. Kies een andere map.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>The token and the counts could be intercepted or altered. Import it anyway?</source>
      <translation>Het token en de aantallen kunnen dan worden onderschept of gewijzigd. Toch importeren?</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>The token stored in QGIS cannot be sent: it contains spaces or line breaks, or the API Header value is not 'Bearer' followed by the token. Enter it again in the authentication configuration.</source>
      <translation>Het token dat in QGIS is opgeslagen kan niet worden verstuurd: het bevat spaties of regeleinden, of de API Header-waarde is niet 'Bearer' gevolgd door het token. Voer het opnieuw in bij de authenticatieconfiguratie.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>This configuration file makes the connection to the feed less safe:</source>
      <translation>Dit configuratiebestand maakt de verbinding met de feed minder veilig:</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>This configuration was made by a newer Druktemeter (schema {0}); update the plugin.</source>
      <translation>Deze configuratie is gemaakt met een nieuwere Druktemeter (schema {0}); werk de plug-in bij.</translation>
    </message>
    <message>
      <location filename="../plugin/feed/exercise.py" />
      <source>This feed has no exercise clock to steer.</source>
      <translation>Deze feed heeft geen oefenklok om te sturen.</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>This file is too large to be a Druktemeter configuration.</source>
      <translation>Dit bestand is te groot voor een Druktemeter-configuratie.</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>This is not a Druktemeter configuration file.</source>
      <translation>Dit is geen Druktemeter-configuratiebestand.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/region.py" />
      <source>This region layer exists only in memory; save it to a file first.</source>
      <translation>Deze regiolaag bestaat alleen in het geheugen; sla hem eerst op als bestand.</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/past.py" />
      <source>This station cannot compute the exercise's past, so there is nothing to compare with: {0}</source>
      <translation>Deze werkplek kan het verleden van de oefening niet berekenen, dus er is niets om mee te vergelijken: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>Time</source>
      <translation>Tijd</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>Today {0}–{1}: {2}.</source>
      <translation>Vandaag {0}–{1}: {2}.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/context_layers.py" />
      <source>Towns and well-known spots; they also name the cells.</source>
      <translation>Plaatsen en bekende plekken; ze geven de cellen ook hun naam.</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>Trend</source>
      <translation>Trend</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>Trend vs 15 minutes earlier</source>
      <translation>Trend t.o.v. 15 minuten eerder</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Turn off certificate checking?</source>
      <translation>Certificaatcontrole uitzetten?</translation>
    </message>
    <message>
      <location filename="../plugin/core/rollout.py" />
      <source>Unknown setting: {0}</source>
      <translation>Onbekende instelling: {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>Use https:// for a feed on another computer; plain http:// is allowed only to this computer.</source>
      <translation>Gebruik https:// voor een feed op een andere computer; gewoon http:// mag alleen naar deze computer.</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>Users connected</source>
      <translation>Verbonden gebruikers</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/overview.py" />
      <source>Users per cell</source>
      <translation>Gebruikers per cel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Vector files (*.gpkg *.shp *.geojson *.json);;All files (*)</source>
      <translation>Vectorbestanden (*.gpkg *.shp *.geojson *.json);;Alle bestanden (*)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Verify the feed's certificate (TLS)</source>
      <translation>Certificaat van de feed controleren (TLS)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>Whole feed</source>
      <translation>Hele feed</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>Without certificate checking the token and the counts can be intercepted or altered. Turn it off only for a test feed. Continue?</source>
      <translation>Zonder certificaatcontrole kunnen het token en de aantallen worden onderschept of gewijzigd. Zet haar alleen uit voor een testfeed. Doorgaan?</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>a gathering has a location and a procession a path, not both</source>
      <translation>een bijeenkomst heeft een locatie en een optocht een route, niet allebei</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>a number</source>
      <translation>een getal</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>a position is not a pair (or triple) of numbers</source>
      <translation>een positie is geen paar (of drietal) getallen</translation>
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
      <source>a ring encloses no area</source>
      <translation>een ring omsluit geen oppervlak</translation>
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
      <source>a ring touches or crosses itself</source>
      <translation>een ring raakt of kruist zichzelf</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>a whole number</source>
      <translation>een heel getal</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>about as many as last {day}</source>
      <translation>ongeveer evenveel als vorige week {day}</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>about as many {what} as yesterday</source>
      <translation>ongeveer evenveel {what} als gisteren</translation>
    </message>
    <message>
      <location filename="../plugin/core/compare.py" />
      <source>about the same</source>
      <translation>ongeveer gelijk</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>about the usual level</source>
      <translation>ongeveer het gebruikelijke niveau</translation>
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
      <location filename="../plugin/feed/errors.py" />
      <source>an object names the key '{key}' twice, so it could be read in two ways; duplicate keys are refused</source>
      <translation>een object noemt de sleutel '{key}' twee keer en kan dus op twee manieren gelezen worden; dubbele sleutels worden geweigerd</translation>
    </message>
    <message>
      <location filename="../plugin/core/alerts.py" />
      <source>back below {0}</source>
      <translation>weer onder {0}</translation>
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
      <source>cell '{cell}' covers about {area} m², less than the minimum of {minimum} m²: cells must be areas, not single buildings</source>
      <translation>cel '{cell}' beslaat ongeveer {area} m², minder dan het minimum van {minimum} m²: cellen moeten gebieden zijn, geen losse gebouwen</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>cell '{cell}' has a count that is not a whole number</source>
      <translation>cel '{cell}' heeft een aantal dat geen geheel getal is</translation>
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
      <location filename="../plugin/feed/errors.py" />
      <source>cell '{cell}' makes the coverage polygons too detailed ({count} positions; the limit is {limit})</source>
      <translation>cel '{cell}' maakt de dekkingsvlakken te gedetailleerd ({count} posities; de grens is {limit})</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>cell outline</source>
      <translation>celgrens</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>cell {0}</source>
      <translation>cel {0}</translation>
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
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>counted</source>
      <translation>geteld</translation>
    </message>
    <message>
      <location filename="../plugin/core/alerts.py" />
      <source>density at or above {0} per km²</source>
      <translation>dichtheid {0} per km² of meer</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>e.g. Brabant-Noord (empty: the safety region's)</source>
      <translation>bijv. Brabant-Noord (leeg: die van de veiligheidsregio)</translation>
    </message>
    <message>
      <location filename="../plugin/core/words.py" />
      <source>equal</source>
      <translation>gelijk</translation>
    </message>
    <message>
      <location filename="../plugin/core/words.py" />
      <source>falling</source>
      <translation>dalend</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>grey</source>
      <translation>grijs</translation>
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
      <source>it contains '{key}' at {where}, which the contract does not define; only the documented aggregate fields are accepted</source>
      <translation>ze bevatten '{key}' bij {where}, dat het contract niet kent; alleen de beschreven geaggregeerde velden worden geaccepteerd</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it is compressed as '{encoding}'; only gzip and deflate are accepted</source>
      <translation>het is gecomprimeerd als '{encoding}'; alleen gzip en deflate worden geaccepteerd</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it is compressed in {layers} layers; one layer (gzip or deflate) is accepted</source>
      <translation>het is in {layers} lagen gecomprimeerd; één laag (gzip of deflate) wordt geaccepteerd</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it is larger than the limit of {limit_mb} MB</source>
      <translation>ze zijn groter dan de limiet van {limit_mb} MB</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>it is larger than {size} KB; a scenario is a short text</source>
      <translation>het is groter dan {size} KB; een scenario is een korte tekst</translation>
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
      <location filename="../plugin/simulator/scenarios.py" />
      <source>it is not a scenario's JSON</source>
      <translation>het is geen JSON van een scenario</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it is not valid JSON (at {where})</source>
      <translation>het is geen geldige JSON (bij {where})</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>it names '{key}' twice in one object</source>
      <translation>het noemt '{key}' twee keer in één object</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>it speaks API version {version}, this plugin understands v1</source>
      <translation>ze gebruiken API-versie {version}, deze plugin begrijpt v1</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>its compressed ({encoding}) data is damaged</source>
      <translation>de gecomprimeerde ({encoding}) gegevens zijn beschadigd</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/past.py" />
      <source>its simulation does not give the counts the exercise service published; use the same Druktemeter version on this station and the service.</source>
      <translation>de simulatie hier geeft niet de aantallen die de oefendienst publiceerde; gebruik op deze werkplek en op de dienst dezelfde versie van Druktemeter.</translation>
    </message>
    <message>
      <location filename="../plugin/core/places.py" />
      <source>larger than {0} MB</source>
      <translation>groter dan {0} MB</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>last {0}</source>
      <translation>vorige week {0}</translation>
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
      <location filename="../plugin/core/history.py" />
      <source>made by a newer Druktemeter</source>
      <translation>gemaakt door een nieuwere Druktemeter</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>made {0}</source>
      <translation>gemaakt {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>movements</source>
      <translation>verplaatsingen</translation>
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
      <location filename="../plugin/core/places.py" />
      <source>near {0}</source>
      <translation>bij {0}</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>no</source>
      <translation>nee</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>no bundled scenario has this name (bundled: {names}); give a file path for your own</source>
      <translation>er is geen meegeleverd scenario met deze naam (meegeleverd: {names}); geef voor een eigen scenario het pad van het bestand</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>no cell with a count</source>
      <translation>geen cel met een aantal</translation>
    </message>
    <message>
      <location filename="../plugin/gui/situation_panel.py" />
      <source>no counts in the region yet</source>
      <translation>nog geen aantallen in de regio</translation>
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
      <location filename="../plugin/gui/chart_panel.py" />
      <source>no interval before</source>
      <translation>geen vorig interval</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>no usual level to compare with yet</source>
      <translation>nog geen gebruikelijk niveau om mee te vergelijken</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>no valid cell</source>
      <translation>geen geldige cel</translation>
    </message>
    <message>
      <location filename="../plugin/gui/situation_panel.py" />
      <source>none open</source>
      <translation>geen open</translation>
    </message>
    <message>
      <location filename="../plugin/gui/situation_panel.py" />
      <source>none set</source>
      <translation>geen ingesteld</translation>
    </message>
    <message>
      <location filename="../plugin/gui/feed_probe.py" />
      <source>none yet</source>
      <translation>nog geen</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>optional: JSON or GeoJSON, see README</source>
      <translation>optioneel: JSON of GeoJSON, zie README</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>pastel</source>
      <translation>pastel</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>people present</source>
      <translation>aanwezigen</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>region</source>
      <translation>regio</translation>
    </message>
    <message>
      <location filename="../plugin/core/alerts.py" />
      <source>rise of {0}% or more within one interval</source>
      <translation>stijging van {0}% of meer binnen één interval</translation>
    </message>
    <message>
      <location filename="../plugin/core/words.py" />
      <source>rising</source>
      <translation>stijgend</translation>
    </message>
    <message>
      <location filename="../plugin/core/history.py" />
      <source>same time yesterday</source>
      <translation>gisteren op hetzelfde tijdstip</translation>
    </message>
    <message>
      <location filename="../plugin/core/history.py" />
      <source>same weekday last week</source>
      <translation>dezelfde dag vorige week</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/style.py" />
      <source>stale (data too old)</source>
      <translation>verouderd (gegevens te oud)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>standard</source>
      <translation>standaard</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/crowd_layer.py" />
      <source>suppressed (too few to show)</source>
      <translation>afgeschermd (te weinig om te tonen)</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>text</source>
      <translation>tekst</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>the cell id at {where} contains control or invisible characters; only printable ids are accepted</source>
      <translation>de cel-id bij {where} bevat stuur- of onzichtbare tekens; alleen afdrukbare id's worden geaccepteerd</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>the cell id at {where} is {length} characters long; at most {limit} are accepted</source>
      <translation>de cel-id bij {where} is {length} tekens lang; hoogstens {limit} worden geaccepteerd</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>the columns have different lengths (ids {ids}, counts {counts}, trends {trends})</source>
      <translation>de kolommen zijn ongelijk lang (ids {ids}, aantallen {counts}, trends {trends})</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>the counts refer to a cell list ({etag}) other than the one held; it is fetched again</source>
      <translation>de aantallen horen bij een andere cellenlijst ({etag}) dan de aanwezige; die wordt opnieuw opgehaald</translation>
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
      <location filename="../plugin/feed/errors.py" />
      <source>the interval {interval} UTC overlaps the one shown ({shown} UTC); counts of overlapping intervals could be subtracted to count a few people</source>
      <translation>het interval {interval} UTC overlapt met het getoonde ({shown} UTC); aantallen van overlappende intervallen zouden van elkaar afgetrokken kunnen worden om enkele personen te tellen</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>the name</source>
      <translation>de naam</translation>
    </message>
    <message>
      <location filename="../plugin/feed/errors.py" />
      <source>the rings are too intricate to check</source>
      <translation>de ringen zijn te ingewikkeld om te controleren</translation>
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
      <location filename="../plugin/gui/chart_panel.py" />
      <source>today</source>
      <translation>vandaag</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>too few valid cells to compare with last {day}</source>
      <translation>te weinig geldige cellen om met vorige week {day} te vergelijken</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>too few valid cells to compare {what} with yesterday</source>
      <translation>te weinig geldige cellen om {what} met gisteren te vergelijken</translation>
    </message>
    <message>
      <location filename="../plugin/core/config.py" />
      <source>true or false</source>
      <translation>waar of onwaar</translation>
    </message>
    <message>
      <location filename="../plugin/core/words.py" />
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
      <location filename="../plugin/gui/chart_panel.py" />
      <source>usual level (median of the same weekday)</source>
      <translation>gebruikelijk niveau (mediaan van dezelfde weekdag)</translation>
    </message>
    <message>
      <location filename="../plugin/gui/situation_panel.py" />
      <source>waiting for data</source>
      <translation>wacht op gegevens</translation>
    </message>
    <message>
      <location filename="../plugin/core/compare.py" />
      <source>was 0</source>
      <translation>was 0</translation>
    </message>
    <message>
      <location filename="../plugin/gui/settings_dialog.py" />
      <source>water</source>
      <translation>water</translation>
    </message>
    <message>
      <location filename="../plugin/simulator/scenarios.py" />
      <source>waypoint times must increase</source>
      <translation>de tijden van de routepunten moeten oplopen</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/briefing.py" />
      <source>whole feed</source>
      <translation>hele feed</translation>
    </message>
    <message>
      <location filename="../plugin/core/alert_log.py" />
      <source>yes</source>
      <translation>ja</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>yesterday</source>
      <translation>gisteren</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>{0} (cell {1})</source>
      <translation>{0} (cel {1})</translation>
    </message>
    <message>
      <location filename="../plugin/gui/chart_panel.py" />
      <source>{0} h</source>
      <translation>{0} u</translation>
    </message>
    <message>
      <location filename="../plugin/mapping/region.py" />
      <source>{0} is not one of the 25 safety regions. Choose one from the list.</source>
      <translation>{0} is geen van de 25 veiligheidsregio's. Kies er een uit de lijst.</translation>
    </message>
    <message>
      <location filename="../plugin/gui/situation_panel.py" />
      <source>{0}: cell {1}, {2}</source>
      <translation>{0}: cel {1}, {2}</translation>
    </message>
    <message>
      <location filename="../plugin/gui/alert_panel.py" />
      <source>{0}: {1}</source>
      <translation>{0}: {1}</translation>
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
      <location filename="../plugin/core/answer.py" />
      <source>{percent} % above the usual level</source>
      <translation>{percent} % boven het gebruikelijke niveau</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>{percent} % below the usual level</source>
      <translation>{percent} % onder het gebruikelijke niveau</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>{percent} % fewer than last {day}</source>
      <translation>{percent} % minder dan vorige week {day}</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>{percent} % fewer {what} than yesterday</source>
      <translation>{percent} % minder {what} dan gisteren</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>{percent} % more than last {day}</source>
      <translation>{percent} % meer dan vorige week {day}</translation>
    </message>
    <message>
      <location filename="../plugin/core/answer.py" />
      <source>{percent} % more {what} than yesterday</source>
      <translation>{percent} % meer {what} dan gisteren</translation>
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
      <source>{where} is longer than {limit} characters or contains control characters</source>
      <translation>{where} is langer dan {limit} tekens of bevat stuurtekens</translation>
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

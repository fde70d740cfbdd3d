/* wm-synth-tables.c — names, countries and services of the synthetic population
 *
 * Names: short hand-made lists of common Italian surnames and given names,
 * ordered roughly by frequency (the generator weights them by rank, Zipf
 * s = 1), after the lists ISTAT publishes of the most frequent names by
 * birth cohort ("I nomi più frequenti", Contanomi) and the usual rankings of
 * Italian surnames; regional flavours follow where those surnames are most
 * common. They are lists to draw realistic-looking names from, not a
 * frequency table.
 *
 * Countries: ISTAT 3-digit state codes (checked against ANPR's table of
 * foreign states as copied in Interruttore/cf-generator stati.js) and the
 * Belfiore Z codes used in the codice fiscale (ANPR tab_stati_esteri), for
 * the largest foreign communities resident in Italy; the names are common
 * ones in each community.
 *
 * Services: the codes of the SIUSS / Casellario dell'assistenza list of
 * social benefits (A1.xx economic contributions, A2.xx services, A3.xx
 * facilities), each with the ISTAT/CISIS user area it is most often
 * recorded under. See app/core/wm-sources.md for why these codes.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <string.h>

#include "wm-synth-tables.h"

static const char *surnames_italy =
  "Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Gallo|Conti|"
  "De Luca|Mancini|Costa|Giordano|Rizzo|Lombardi|Moretti|Barbieri|Fontana|Santoro|Mariani|"
  "Rinaldi|Caruso|Ferrara|Galli|Martini|Leone|Longo|Gentile|Martinelli|Vitale|Lombardo|Serra|"
  "Coppola|De Santis|D'Angelo|Marchetti|Parisi|Villa|Conte|Ferraro|Ferri|Fabbri|Bianco|"
  "Marini|Grasso|Valentini|Messina|Sala|De Angelis|Gatti|Pellegrini|Palumbo|Sanna|Farina|"
  "Rizzi|Monti|Cattaneo|Morelli|Amato|Silvestri|Mazza|Testa|Grassi|Pellegrino|Carbone|"
  "Giuliani|Benedetti|Barone|Rossetti|Caputo|Montanari|Guerra|Palmieri|Bernardi|Martino|"
  "Fiore|De Rosa|Ferretti|Bellini|Basile|Riva|Donati|Piras|Vitali|Battaglia|Sartori|Neri|"
  "Costantini|Milani|Pagano|Ruggiero|Sorrentino|D'Amico|Orlando|Negri";
static const char *surnames_north =
  "Colombo|Brambilla|Sala|Villa|Galli|Cattaneo|Fumagalli|Ferrario|Galbiati|Mauri|Riva|Meroni|"
  "Crippa|Bassi|Brivio|Moser|Pedrotti|Tomasi|Zanoni|Bertoldi|Dalpiaz|Dallapiccola|Merler|"
  "Chiogna|Pisetta|Zeni|Broseghini|Marchi|Pedrolli|Zanella|Dalla Torre|Bonvecchio|Zambelli|"
  "Gasperi|Tomasini|Bortolotti|Zanetti|Pozzi|Longhi|Rigotti|Dallafior|Bertagnolli|Eccher";
static const char *surnames_south =
  "Russo|Esposito|Lombardo|Messina|Di Stefano|La Rosa|Lo Cascio|Cusumano|Gambino|Di Maggio|"
  "Scalia|Pizzo|Lo Verde|Fiorentino|Genovese|Catalano|Randazzo|Vitale|Mangano|Arena|"
  "Raimondi|Parisi|Lo Bue|Di Salvo|Bruno|La Mantia|Caruso|Mineo|Lo Presti|Schillaci|"
  "Cannizzaro|Cammarata|Milazzo|Di Giovanni|Lo Piccolo|Sciortino|Provenzano|Gagliano|Tumminello";

static const char *male_old =
  "Giuseppe|Giovanni|Antonio|Mario|Luigi|Francesco|Angelo|Vincenzo|Pietro|Salvatore|Carlo|"
  "Franco|Domenico|Bruno|Paolo|Michele|Giorgio|Sergio|Renato|Aldo|Gino|Enzo|Luciano|Giancarlo";
static const char *male_middle =
  "Marco|Andrea|Luca|Roberto|Stefano|Paolo|Massimo|Alessandro|Fabio|Davide|Simone|Daniele|"
  "Matteo|Claudio|Maurizio|Giuseppe|Francesco|Antonio|Giovanni|Alberto|Enrico|Emanuele|Riccardo|Gianluca";
static const char *male_young =
  "Francesco|Alessandro|Lorenzo|Leonardo|Mattia|Andrea|Gabriele|Tommaso|Riccardo|Edoardo|"
  "Matteo|Giuseppe|Federico|Antonio|Diego|Samuele|Pietro|Christian|Filippo|Davide|Nicolò|Giacomo";
static const char *female_old =
  "Maria|Anna|Giuseppina|Rosa|Angela|Giovanna|Teresa|Lucia|Carmela|Caterina|Francesca|"
  "Antonietta|Rita|Franca|Luciana|Bruna|Graziella|Elena|Adriana|Carla|Giuliana|Silvana";
static const char *female_middle =
  "Laura|Paola|Francesca|Elena|Barbara|Monica|Cristina|Silvia|Sara|Valentina|Chiara|"
  "Federica|Roberta|Alessandra|Simona|Manuela|Daniela|Maria|Anna|Claudia|Elisa|Stefania";
static const char *female_young =
  "Sofia|Giulia|Aurora|Alice|Ginevra|Emma|Giorgia|Greta|Beatrice|Anna|Martina|Chiara|Sara|"
  "Francesca|Alessia|Gaia|Noemi|Matilde|Vittoria|Elisa|Camilla|Arianna";

/* Odonyms for places without a street network: the commonest Italian street names. */
static const char *streets =
  "Via Roma|Via Giuseppe Garibaldi|Via Giuseppe Mazzini|Via Dante Alighieri|Via Camillo Cavour|"
  "Via Vittorio Emanuele II|Via XX Settembre|Via Guglielmo Marconi|Via Giuseppe Verdi|"
  "Via Alessandro Manzoni|Via Umberto I|Via IV Novembre|Via della Repubblica|Via Giacomo Matteotti|"
  "Via Antonio Gramsci|Via Galileo Galilei|Via Leonardo da Vinci|Via Cristoforo Colombo|"
  "Via Aldo Moro|Via Piave|Via Trieste|Via Trento|Via San Francesco|Via Nazionale|Via della Libertà|"
  "Via Luigi Pirandello|Via Torino|Via Milano|Via Napoli|Via Fratelli Bandiera|Via Goffredo Mameli|"
  "Via Ugo Foscolo|Via Giacomo Leopardi|Via Giovanni Pascoli|Via Silvio Pellico|Via Nino Bixio|"
  "Via Enrico Fermi|Via Alcide De Gasperi|Via Don Giovanni Minzoni|Via Papa Giovanni XXIII|"
  "Via dei Mille|Via Santa Maria|Via Pietro Nenni|Via Filippo Turati|Via Cesare Battisti|"
  "Via Montegrappa|Via Isonzo|Via Monte Bianco|Via Gorizia|Via Bologna|Via Firenze|Via Venezia|"
  "Viale Europa|Viale della Vittoria|Viale Italia|Corso Italia|Corso Garibaldi|Piazza della Libertà";

const WmSynthCountry wm_synth_countries[] = {
  { "Romania", 235, "Z129", TRUE,
    "Ion|Andrei|Mihai|Alexandru|Gheorghe|Constantin|Florin|Marius|Ionut|Adrian",
    "Maria|Elena|Ioana|Andreea|Mihaela|Ana|Gabriela|Alina|Cristina|Daniela",
    "Popescu|Ionescu|Popa|Pop|Radu|Dumitru|Stan|Stoica|Gheorghe|Matei|Ciobanu|Rusu" },
  { "Albania", 201, "Z100", FALSE,
    "Arben|Gentian|Ilir|Besnik|Ardit|Erion|Altin|Klodian",
    "Elona|Anisa|Blerina|Ermira|Jonida|Klaudia|Eriselda|Mirela",
    "Hoxha|Shehu|Dervishi|Leka|Gjoka|Kola|Marku|Prifti|Cela|Hysa" },
  { "Marocco", 436, "Z330", FALSE,
    "Mohamed|Ahmed|Youssef|Rachid|Said|Abdelkader|Hassan|Karim|Mustapha|Omar",
    "Fatima|Khadija|Amina|Naima|Samira|Zineb|Hanane|Malika|Nadia|Salma",
    "El Idrissi|Benali|El Amrani|Bouzid|Alaoui|Haddad|Chakir|Belhaj|El Fassi|Ouali" },
  { "Cina", 314, "Z210", FALSE,
    "Wei|Jian|Ming|Hao|Lei|Jun|Qiang|Yong",
    "Li|Mei|Xiu|Ying|Hua|Fang|Jing|Yan",
    "Hu|Chen|Wang|Zhang|Zhou|Lin|Jin|Ye|Xu|Huang" },
  { "Ucraina", 243, "Z138", FALSE,
    "Oleksandr|Mykola|Andriy|Serhiy|Volodymyr|Ivan|Vasyl",
    "Olena|Natalia|Oksana|Tetiana|Halyna|Iryna|Svitlana|Lyudmyla",
    "Shevchenko|Kovalenko|Bondarenko|Tkachenko|Kravchenko|Melnyk|Boyko|Kovalchuk" },
  { "Filippine", 323, "Z216", FALSE,
    "Jose|Mark|John|Ramon|Michael|Rodel|Jerome|Reynaldo",
    "Maria|Rosalie|Jennifer|Marites|Analyn|Joy|Cristina|Lorna",
    "Santos|Reyes|Cruz|Bautista|Garcia|Mendoza|Dela Cruz|Ramos|Aquino|Castillo" },
  { "Egitto", 419, "Z336", FALSE,
    "Mohamed|Ahmed|Mahmoud|Mostafa|Ali|Tarek|Hany|Sherif",
    "Fatma|Mona|Heba|Nour|Aya|Sara|Yasmin|Mariam",
    "Hassan|Ibrahim|Abdelrahman|Mahmoud|Soliman|Farag|Mansour|Youssef|Salem" },
  { "Bangladesh", 305, "Z249", FALSE,
    "Mohammad|Rahim|Karim|Abdul|Rashed|Shahid|Jahangir|Kamal",
    "Fatema|Nasrin|Sultana|Rehana|Shirin|Ayesha|Rokeya",
    "Hossain|Rahman|Islam|Ahmed|Miah|Uddin|Khan|Akter|Chowdhury" },
  { "Sri Lanka", 311, "Z209", FALSE,
    "Nuwan|Chaminda|Ruwan|Saman|Pradeep|Sunil|Anura",
    "Dilani|Nadeesha|Chamari|Sanduni|Kumari|Nirmala|Shiromi",
    "Perera|Fernando|Silva|De Silva|Jayasinghe|Rodrigo|Wickramasinghe|Dissanayake" },
  { "Perù", 615, "Z611", FALSE,
    "Luis|Carlos|Jorge|Juan|José|Miguel|Víctor|César",
    "Rosa|Carmen|Milagros|Ana|Lucia|Gladys|Maribel|Elizabeth",
    "Quispe|Flores|Rojas|Huaman|Mamani|Sanchez|Torres|Ramirez|Vargas" },
  { "Ecuador", 609, "Z605", FALSE,
    "Luis|Carlos|Jorge|Segundo|Manuel|Wilson|Fernando",
    "Maria|Rosa|Mercedes|Martha|Lucia|Jessica|Gabriela",
    "Zambrano|Moreira|Vera|Cedeño|Pazmiño|Andrade|Suarez|Morales" },
  { "India", 330, "Z222", FALSE,
    "Gurpreet|Harpreet|Rajesh|Sandeep|Amit|Jaswinder|Sukhwinder|Ravi",
    "Manpreet|Sunita|Priya|Pooja|Harjit|Kulwinder|Rani",
    "Singh|Kaur|Kumar|Sharma|Gill|Sandhu|Sidhu|Patel" },
  { "Pakistan", 344, "Z236", FALSE,
    "Muhammad|Ali|Imran|Asif|Tariq|Shahzad|Waqas|Bilal",
    "Ayesha|Sana|Fatima|Nadia|Rabia|Saima|Bushra",
    "Khan|Ahmed|Hussain|Iqbal|Butt|Raza|Malik|Javed|Akhtar" },
  { "Moldova", 254, "Z140", FALSE,
    "Ion|Vasile|Sergiu|Victor|Andrei|Nicolae|Igor",
    "Maria|Ana|Elena|Olga|Natalia|Tatiana|Svetlana",
    "Ciobanu|Rusu|Cebotari|Munteanu|Lungu|Turcanu|Rotari|Botnari" },
  { "Senegal", 450, "Z343", FALSE,
    "Mamadou|Cheikh|Ousmane|Moussa|Ibrahima|Modou|Abdoulaye",
    "Fatou|Aminata|Awa|Mariama|Khady|Ndeye|Aissatou",
    "Diop|Ndiaye|Fall|Sow|Gueye|Diallo|Ba|Sarr|Faye|Mbaye" },
  { "Tunisia", 460, "Z352", FALSE,
    "Mohamed|Ahmed|Karim|Sami|Nabil|Hichem|Walid|Mourad",
    "Amel|Sana|Leila|Rim|Ines|Samia|Imen|Olfa",
    "Ben Ali|Trabelsi|Gharbi|Jlassi|Ben Salah|Hammami|Mejri|Bouazizi" },
  { "Nigeria", 443, "Z335", FALSE,
    "Chinedu|Emeka|Oluwaseun|Ibrahim|Samuel|Godwin|Daniel",
    "Blessing|Chioma|Ngozi|Grace|Precious|Joy|Esther",
    "Okafor|Okonkwo|Adeyemi|Eze|Obi|Ibrahim|Osagie|Igbinedion" },
  { "Ghana", 423, "Z318", FALSE,
    "Kwame|Kofi|Kwabena|Yaw|Emmanuel|Isaac|Samuel",
    "Akosua|Ama|Abena|Afia|Comfort|Gifty|Mercy",
    "Mensah|Owusu|Boateng|Asante|Osei|Appiah|Addo|Agyemang" },
  { "Polonia", 233, "Z127", TRUE,
    "Piotr|Krzysztof|Tomasz|Andrzej|Marek|Pawel",
    "Anna|Katarzyna|Agnieszka|Malgorzata|Joanna|Ewa",
    "Nowak|Kowalski|Wisniewski|Wojcik|Kaminski|Lewandowski|Zielinski" },
  { "Brasile", 605, "Z602", FALSE,
    "João|Pedro|Lucas|Gabriel|Rafael|Carlos",
    "Ana|Maria|Juliana|Fernanda|Camila|Patricia",
    "Silva|Santos|Oliveira|Souza|Pereira|Lima|Ferreira|Almeida" },
  { "Germania", 216, "Z112", TRUE,
    "Thomas|Michael|Andreas|Stefan|Markus|Klaus",
    "Sabine|Petra|Claudia|Andrea|Monika|Julia",
    "Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker" },
  { "Francia", 215, "Z110", TRUE,
    "Pierre|Jean|Nicolas|Philippe|Thomas|Julien",
    "Marie|Nathalie|Isabelle|Sophie|Camille|Julie",
    "Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand" },
  { "Svizzera", 241, "Z133", FALSE,
    "Daniel|Marco|Thomas|Luca|Peter",
    "Anna|Sandra|Nicole|Laura|Monika",
    "Müller|Meier|Schmid|Keller|Weber|Huber|Bernasconi|Rossi" },
  { "Macedonia del Nord", 253, "Z148", FALSE,
    "Aleksandar|Goran|Dragan|Nikola|Zoran|Bekim",
    "Marija|Elena|Ana|Biljana|Vesna|Arta",
    "Stojanovski|Nikolovski|Trajkovski|Petrovski|Iseni|Rexhepi" },
};
const guint wm_synth_n_countries = G_N_ELEMENTS (wm_synth_countries);

const WmSynthService wm_synth_services[] = {
  { "A1.01", "FAM",    "Assegno per il nucleo familiare erogato dai comuni", TRUE },
  { "A1.02", "FAM",    "Assegno di maternità erogato dai comuni", TRUE },
  { "A1.04", "POV",    "Contributi economici a integrazione del reddito familiare", TRUE },
  { "A1.05", "POV",    "Contributi economici per alloggio", TRUE },
  { "A1.06", "POV",    "Buoni spesa o buoni pasto", TRUE },
  { "A1.07", "FAM",    "Contributi e integrazioni a rette per asili nido", TRUE },
  { "A1.09", "FAM",    "Contributi economici per i servizi scolastici", TRUE },
  { "A1.11", "ELD",    "Assegnazioni economiche per il sostegno della domiciliarità e dell'autonomia personale", TRUE },
  { "A1.14", "ELD",    "Contributi e integrazioni a rette per accesso a servizi residenziali", TRUE },
  { "A1.16", "DIS",    "Contributi economici per servizio trasporto e mobilità", TRUE },
  { "A1.18", "POV",    "Contributi economici per l'inserimento lavorativo", TRUE },
  { "A2.01", "POV",    "Mensa sociale", FALSE },
  { "A2.02", "FAM",    "Sostegno socio-educativo territoriale o domiciliare", FALSE },
  { "A2.07", "ELD",    "Assistenza domiciliare socio-assistenziale", FALSE },
  { "A2.08", "DIS",    "Assistenza domiciliare integrata con servizi sanitari", FALSE },
  { "A2.09", "DIS",    "Supporto all'inserimento lavorativo", FALSE },
  { "A2.11", "DIS",    "Sostegno socio-educativo scolastico", FALSE },
  { "A3.01", "DIS",    "Strutture semiresidenziali", FALSE },
  { "A3.02", "ELD",    "Strutture residenziali", FALSE },
  { "A3.03", "FAM",    "Asilo nido", FALSE },
  { "Z9.99", "IMMNOM", "Altro (mediazione culturale, accoglienza)", FALSE },
  { "Z9.99", "ADD",    "Altro (dipendenze: reinserimento sociale)", FALSE },
};
const guint wm_synth_n_services = G_N_ELEMENTS (wm_synth_services);

static GStrv
split (const char *list)
{
  return g_strsplit (list, "|", -1);
}

const WmSynthNames *
wm_synth_names (void)
{
  static gsize once = 0;
  static WmSynthNames names;

  if (g_once_init_enter (&once))
    {
      names.surnames[WM_SYNTH_FLAVOUR_ITALY] = split (surnames_italy);
      names.surnames[WM_SYNTH_FLAVOUR_NORTH] = split (surnames_north);
      names.surnames[WM_SYNTH_FLAVOUR_SOUTH] = split (surnames_south);
      names.given[0][WM_SYNTH_NAMES_OLD] = split (male_old);
      names.given[0][WM_SYNTH_NAMES_MIDDLE] = split (male_middle);
      names.given[0][WM_SYNTH_NAMES_YOUNG] = split (male_young);
      names.given[1][WM_SYNTH_NAMES_OLD] = split (female_old);
      names.given[1][WM_SYNTH_NAMES_MIDDLE] = split (female_middle);
      names.given[1][WM_SYNTH_NAMES_YOUNG] = split (female_young);
      names.streets = split (streets);
      for (guint i = 0; i < wm_synth_n_countries && i < G_N_ELEMENTS (names.country_male); i++)
        {
          names.country_male[i] = split (wm_synth_countries[i].male);
          names.country_female[i] = split (wm_synth_countries[i].female);
          names.country_surnames[i] = split (wm_synth_countries[i].surnames);
        }
      g_once_init_leave (&once, 1);
    }
  return &names;
}

int
wm_synth_country_find (const char *name)
{
  for (guint i = 0; i < wm_synth_n_countries; i++)
    if (g_ascii_strcasecmp (wm_synth_countries[i].name, name) == 0)
      return i;
  return -1;
}

int
wm_synth_comune_find (const char *belfiore)
{
  for (guint i = 0; i < wm_synth_n_comuni; i++)
    if (strcmp (wm_synth_comuni[i].belfiore, belfiore) == 0)
      return i;
  return -1;
}

const WmSynthService *
wm_synth_service_find (const char *code)
{
  for (guint i = 0; i < wm_synth_n_services; i++)
    if (strcmp (wm_synth_services[i].code, code) == 0)
      return &wm_synth_services[i];
  return NULL;
}

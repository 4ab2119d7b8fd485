"""Brand names of drugs → their generic (INN) names.

News and press releases name drugs by brand ("Keytruda") where abstracts use the generic
name ("pembrolizumab").  The linker reads a brand in an item as its generic too.  The list
holds widely covered brands in the fields of the shipped policies (rheumatology, oncology,
haematology, hepatology, nephrology, gastroenterology, pulmonology); facts, not prose.
Extend with ``BRANDS.update(...)`` if needed.
"""

from __future__ import annotations

_TABLE = """
humira adalimumab; enbrel etanercept; remicade infliximab; simponi golimumab;
cimzia certolizumab; actemra tocilizumab; roactemra tocilizumab; kevzara sarilumab;
rinvoq upadacitinib; xeljanz tofacitinib; olumiant baricitinib; jyseleca filgotinib;
orencia abatacept; rituxan rituximab; mabthera rituximab; cosentyx secukinumab;
taltz ixekizumab; bimzelx bimekizumab; tremfya guselkumab; skyrizi risankizumab;
stelara ustekinumab; saphnelo anifrolumab; benlysta belimumab; lupkynis voclosporin;
krystexxa pegloticase; uloric febuxostat; zurampic lesinurad; ofev nintedanib;
esbriet pirfenidone; otezla apremilast; sotyktu deucravacitinib; gazyva obinutuzumab;
plaquenil hydroxychloroquine; kineret anakinra; ilaris canakinumab; arcalyst rilonacept;
tavneos avacopan; nucala mepolizumab; fasenra benralizumab; dupixent dupilumab;
tezspire tezepelumab; xolair omalizumab; cinqair reslizumab; ohtuvayre ensifentrine;
winrevair sotatercept; opsumit macitentan; uptravi selexipag; tyvaso treprostinil;
keytruda pembrolizumab; opdivo nivolumab; yervoy ipilimumab; tecentriq atezolizumab;
imfinzi durvalumab; bavencio avelumab; libtayo cemiplimab; imjudo tremelimumab;
tagrisso osimertinib; tarceva erlotinib; iressa gefitinib; gilotrif afatinib;
alecensa alectinib; lorbrena lorlatinib; xalkori crizotinib; lumakras sotorasib;
krazati adagrasib; rybrevant amivantamab; lazcluze lazertinib; enhertu trastuzumab deruxtecan;
datroway datopotamab deruxtecan; trodelvy sacituzumab govitecan; kadcyla trastuzumab emtansine;
herceptin trastuzumab; perjeta pertuzumab; phesgo pertuzumab trastuzumab;
kisqali ribociclib; verzenio abemaciclib; ibrance palbociclib; lynparza olaparib;
zejula niraparib; rubraca rucaparib; talzenna talazoparib; xtandi enzalutamide;
erleada apalutamide; nubeqa darolutamide; zytiga abiraterone; pluvicto lutetium vipivotide;
xofigo radium; avastin bevacizumab; erbitux cetuximab; vectibix panitumumab;
braftovi encorafenib; mektovi binimetinib; tafinlar dabrafenib; mekinist trametinib;
cabometyx cabozantinib; lenvima lenvatinib; nexavar sorafenib; stivarga regorafenib;
lonsurf trifluridine tipiracil; fruzaqla fruquintinib; tukysa tucatinib; nerlynx neratinib;
orserdu elacestrant; truqap capivasertib; piqray alpelisib; itovebi inavolisib;
padcev enfortumab vedotin; tivdak tisotumab vedotin; elahere mirvetuximab soravtansine;
darzalex daratumumab; sarclisa isatuximab; tecvayli teclistamab; elrexfio elranatamab;
talvey talquetamab; carvykti ciltacabtagene autoleucel; abecma idecabtagene vicleucel;
yescarta axicabtagene ciloleucel; kymriah tisagenlecleucel; breyanzi lisocabtagene maraleucel;
tecartus brexucabtagene autoleucel; polivy polatuzumab vedotin; columvi glofitamab;
epkinly epcoritamab; lunsumio mosunetuzumab; imbruvica ibrutinib; brukinsa zanubrutinib;
calquence acalabrutinib; jaypirca pirtobrutinib; venclexta venetoclax; venclyxto venetoclax;
xospata gilteritinib; vanflyta quizartinib; rydapt midostaurin; tibsovo ivosidenib;
idhifa enasidenib; rezlidhia olutasidenib; onureg azacitidine; vidaza azacitidine;
revlimid lenalidomide; pomalyst pomalidomide; velcade bortezomib; kyprolis carfilzomib;
blincyto blinatumomab; besponsa inotuzumab ozogamicin; jakafi ruxolitinib; jakavi ruxolitinib;
inrebic fedratinib; vonjo pacritinib; ojjaara momelotinib; reblozyl luspatercept;
oxbryta voxelotor; adakveo crizanlizumab; casgevy exagamglogene autotemcel;
lyfgenia lovotibeglogene autotemcel; hemlibra emicizumab; altuviiio efanesoctocog;
hympavzi marstacimab; alhemo concizumab; qfitlia fitusiran; roctavian valoctocogene roxaparvovec;
hemgenix etranacogene dezaparvovec; doptelet avatrombopag; promacta eltrombopag;
revolade eltrombopag; nplate romiplostim; tavalisse fostamatinib; empaveli pegcetacoplan;
soliris eculizumab; ultomiris ravulizumab; fabhalta iptacopan; voydeya danicopan;
rezdiffra resmetirom; wegovy semaglutide; ozempic semaglutide; rybelsus semaglutide;
mounjaro tirzepatide; zepbound tirzepatide; livdelzi seladelpar; iqirvo elafibranor;
ocaliva obeticholic; vemlidy tenofovir alafenamide; viread tenofovir; baraclude entecavir;
epclusa sofosbuvir velpatasvir; mavyret glecaprevir pibrentasvir; harvoni ledipasvir sofosbuvir;
xifaxan rifaximin; terlivaz terlipressin; livmarli maralixibat; bylvay odevixibat;
filspari sparsentan; vanrafia atrasentan; tarpeyo budesonide; kinpeygo budesonide;
farxiga dapagliflozin; forxiga dapagliflozin; jardiance empagliflozin; invokana canagliflozin;
kerendia finerenone; jynarque tolvaptan; samsca tolvaptan; lokelma sodium zirconium;
veltassa patiromer; omvoh mirikizumab; velsipity etrasimod; zeposia ozanimod;
entyvio vedolizumab; linzess linaclotide; trulance plecanatide; ibsrela tenapanor;
viberzi eluxadoline; eohilia budesonide; voquezna vonoprazan; rezurock belumosudil;
"""


def _parse(table: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for entry in table.replace("\n", " ").split(";"):
        words = entry.split()
        if len(words) >= 2:
            out[words[0]] = tuple(words[1:])
    return out


#: folded brand word → generic words
BRANDS: dict[str, tuple[str, ...]] = _parse(_TABLE)

/* udha-demo-names.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Data for the demo generator (DOMAIN.md §13): common first names and
 * family names per language area, in the Latin spellings seen on documents
 * and registration forms, with transliteration variants on purpose (Mohamed,
 * Muhammad, Mohammed …) so that search and duplicate detection have work to
 * do. Names are combined at random: no entry is, or describes, a real
 * person. Weights are for realistic-looking demo data, not statistics. */

#define G_LOG_DOMAIN "udha-demo"

#include "config.h"

#include "udha-demo-private.h"

#include <string.h>

/* Levant and Iraq (Syria, Iraq, Palestine) */
static const char * const levant_male[] = {
  "Mohamed", "Muhammad", "Mohammed", "Mohammad", "Ahmad", "Ahmed", "Ali", "Omar", "Umar", "Khaled",
  "Khalid", "Youssef", "Yusuf", "Yousef", "Ibrahim", "Hassan", "Hussein", "Husain", "Mahmoud",
  "Mahmud", "Abdullah", "Abdallah", "Mustafa", "Mostafa", "Karim", "Bilal", "Tariq", "Tarek", "Samir",
  "Walid", "Rami", "Fadi", "Osama", "Usama", "Hamza", "Ziad", "Anas", "Yahya", "Jamal", "Nabil",
  "Saeed", "Said", "Abdulrahman", "Abd al-Rahman", "Qasim", "Kassem", "Majid", "Firas", "Wael",
  NULL
};
static const char * const levant_female[] = {
  "Fatima", "Fatma", "Aisha", "Aysha", "Maryam", "Mariam", "Nour", "Noor", "Layla", "Leila", "Zainab",
  "Zaynab", "Huda", "Rana", "Amira", "Salma", "Yasmin", "Yasmine", "Hana", "Rasha", "Dalia", "Reem",
  "Samira", "Lina", "Amal", "Ola", "Rania", "Ghada", "Nisreen", "Sawsan", "Heba", "Asmaa", NULL
};
static const char * const levant_family[] = {
  "Al-Hassan", "Alhassan", "Haddad", "Khalil", "Saleh", "Salih", "Hamdan", "Darwish", "Nasser",
  "Naser", "Abbas", "Qasim", "Kassem", "Othman", "Uthman", "Suleiman", "Sulaiman", "Jaber", "Hamoud",
  "Al-Ahmad", "Issa", "Aziz", "Mansour", "Mansur", "Yassin", "Yasin", "Shami", "Halabi", "Kurdi",
  "Hamwi", "Idlibi", "Al-Jubouri", "Al-Obaidi", "Al-Dulaimi", "Al-Tamimi", "Al-Saadi", "Kareem",
  "Jassim", "Hameed", "Mahdi", "Barghouti", "Najjar", "Shaheen", "Khoury", "Masri", "Al-Khatib",
  "Khatib", "Hijazi", "Zaidan", NULL
};

/* Egypt and Sudan */
static const char * const nile_male[] = {
  "Mohamed", "Mohammed", "Ahmed", "Mahmoud", "Mostafa", "Mustafa", "Abdelrahman", "Abdel Rahman",
  "Omar", "Youssef", "Ibrahim", "Hassan", "Hussein", "Ali", "Karim", "Islam", "Amr", "Tarek", "Sherif",
  "Hany", "Adam", "Ishag", "Ismail", "Elnour", "Abakar", "Bashir", "Yagoub", "Yacoub", "Osman",
  "Othman", NULL
};
static const char * const nile_female[] = {
  "Fatma", "Fatima", "Aya", "Mariam", "Maryam", "Nour", "Salma", "Hager", "Hagar", "Esraa", "Asmaa",
  "Doaa", "Mona", "Amani", "Hawa", "Halima", "Khadija", "Sara", "Sarah", NULL
};
static const char * const nile_family[] = {
  "Abdelrahman", "Abdel-Aziz", "Abdelaziz", "El-Sayed", "Elsayed", "Mostafa", "Fathy", "Gamal",
  "Hegazy", "Ramadan", "Shehata", "Soliman", "Suleiman", "Mahmoud", "Hassan", "Ibrahim", "Adam",
  "Osman", "Elhassan", "Abdalla", "Abdallah", "Hamid", "Ishag", "Yagoub", "Elamin", "Al-Amin", NULL
};

/* Maghreb (Morocco, Algeria, Tunisia): French-style spellings */
static const char * const maghreb_male[] = {
  "Mohamed", "Mohammed", "Youssef", "Youcef", "Yassine", "Ayoub", "Hamza", "Amine", "Mehdi", "Karim",
  "Rachid", "Abdelkader", "Nassim", "Sofiane", "Bilal", "Ilyas", "Zakaria", "Anouar", "Hicham",
  "Hisham", "Redouane", "Oualid", "Walid", "Abderrahmane", "Khalid", "Khaled", "Adil", "Nabil",
  "Mourad", "Murad", "Said", NULL
};
static const char * const maghreb_female[] = {
  "Fatima", "Fatima Zahra", "Khadija", "Salma", "Imane", "Meriem", "Nadia", "Samira", "Houda", "Sara",
  "Asmae", "Aicha", "Aïcha", "Nour", "Amina", "Siham", "Latifa", "Hajar", NULL
};
static const char * const maghreb_family[] = {
  "El Amrani", "Benali", "Ben Ali", "Bennani", "Alaoui", "El Idrissi", "Idrissi", "Tazi", "Berrada",
  "Boukhari", "Ouali", "Haddadi", "Bouzid", "Belkacem", "Benaissa", "Mansouri", "Saidi", "Cherif",
  "Chérif", "Trabelsi", "Ben Salah", "Gharbi", "Jebali", "Hammami", "Ziani", "Rahmani", "Chaoui",
  "El Fassi", "Amrani", "Benmoussa", NULL
};

/* Afghanistan (Dari and Pashto) */
static const char * const afghan_male[] = {
  "Ahmad", "Mohammad", "Mohammed", "Muhammad", "Ali", "Hamid", "Jawad", "Farid", "Rahim", "Rahimullah",
  "Zabihullah", "Naveed", "Mustafa", "Sayed", "Sohrab", "Bashir", "Nasir", "Najibullah", "Habib",
  "Wahid", "Samiullah", "Ehsan", "Khalil", "Abdul Karim", "Abdulkarim", "Hamidullah", "Rohullah",
  "Ruhullah", "Noorullah", "Nurullah", "Mirwais", "Shafiq", NULL
};
static const char * const afghan_female[] = {
  "Zahra", "Fatima", "Maryam", "Mariam", "Shabnam", "Parwana", "Freshta", "Fereshta", "Nazia",
  "Sakina", "Gulalai", "Habiba", "Laila", "Mahbooba", "Soraya", "Nilofar", "Marzia", "Nargis", NULL
};
static const char * const afghan_family[] = {
  "Ahmadi", "Rahimi", "Hakimi", "Karimi", "Mohammadi", "Hussaini", "Hosseini", "Sultani", "Stanikzai",
  "Popal", "Noorzai", "Nurzai", "Safi", "Amiri", "Jafari", "Haidari", "Haideri", "Rezaei", "Rezai",
  "Sadat", "Wardak", "Yousufzai", "Yusufzai", "Zadran", "Azizi", "Nazari", "Habibi", "Sharifi", NULL
};

/* Iran */
static const char * const iran_male[] = {
  "Mohammad", "Mohammed", "Ali", "Reza", "Hossein", "Hosein", "Hussein", "Mehdi", "Mahdi", "Amir",
  "Saeed", "Said", "Hamid", "Arash", "Babak", "Dariush", "Kourosh", "Majid", "Navid", "Mojtaba", NULL
};
static const char * const iran_female[] = {
  "Fatemeh", "Fatima", "Zahra", "Maryam", "Sara", "Narges", "Leila", "Mahsa", "Niloufar", "Shirin",
  "Parisa", "Roya", "Elham", "Somayeh", NULL
};
static const char * const iran_family[] = {
  "Mohammadi", "Hosseini", "Ahmadi", "Rezaei", "Moradi", "Karimi", "Jafari", "Rahimi", "Kazemi",
  "Sadeghi", "Ghasemi", "Qasemi", "Hashemi", "Tehrani", "Shirazi", "Rostami", "Akbari", NULL
};

/* Pakistan */
static const char * const pak_male[] = {
  "Muhammad", "Mohammad", "Ali", "Usman", "Osman", "Imran", "Bilal", "Hamza", "Hassan", "Asad",
  "Zeeshan", "Faisal", "Kashif", "Adnan", "Waqas", "Shahid", "Sajid", "Tariq", "Zubair", "Umar", NULL
};
static const char * const pak_female[] = {
  "Ayesha", "Aisha", "Fatima", "Sana", "Hina", "Saima", "Nazia", "Rabia", "Mehwish", "Amna", NULL
};
static const char * const pak_family[] = {
  "Khan", "Ahmed", "Hussain", "Hussein", "Butt", "Chaudhry", "Choudhary", "Malik", "Qureshi",
  "Sheikh", "Shaikh", "Raza", "Iqbal", "Akhtar", "Abbasi", "Rana", "Mirza", "Siddiqui", "Javed", NULL
};

/* Bangladesh */
static const char * const bd_male[] = {
  "Mohammad", "Mohammed", "Md", "Abdul", "Rahim", "Karim", "Hasan", "Hossain", "Shahidul", "Rafiqul",
  "Aminul", "Jahangir", "Sohel", "Shakil", "Masud", "Rubel", "Arif", "Sumon", NULL
};
static const char * const bd_female[] = {
  "Fatema", "Nasrin", "Shirin", "Taslima", "Rokeya", "Sumaiya", "Jannat", "Moriom", "Mariam", NULL
};
static const char * const bd_family[] = {
  "Rahman", "Hossain", "Hussain", "Islam", "Uddin", "Ahmed", "Miah", "Mia", "Chowdhury", "Choudhury",
  "Alam", "Sarker", "Sarkar", "Akter", "Akhter", "Khatun", "Haque", "Molla", NULL
};

/* Türkiye */
static const char * const tr_male[] = {
  "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Emre", "Murat", "Yusuf",
  "Ömer", "Burak", "Kemal", "Serkan", "Osman", NULL
};
static const char * const tr_female[] = {
  "Ayşe", "Fatma", "Emine", "Zeynep", "Elif", "Hatice", "Merve", "Esra", "Meryem", NULL
};
static const char * const tr_family[] = {
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan",
  "Kılıç", "Aslan", "Koç", "Kurt", NULL
};

/* Eritrea (Tigrinya: the family name is usually the father's name) */
static const char * const eri_male[] = {
  "Tesfaye", "Yonas", "Dawit", "Daniel", "Samuel", "Berhane", "Mehari", "Filmon", "Biniam", "Tekle",
  "Habte", "Kibrom", "Amanuel", "Robel", "Semere", NULL
};
static const char * const eri_female[] = {
  "Helen", "Selam", "Senait", "Saba", "Ruta", "Yordanos", "Mebrat", "Freweini", "Luwam", "Hiwet", NULL
};
static const char * const eri_family[] = {
  "Tesfamariam", "Gebremedhin", "Ghebremedhin", "Haile", "Tekle", "Berhe", "Kidane", "Weldemichael",
  "Woldemichael", "Asmerom", "Okbay", "Habtom", "Mehari", "Negash", "Yohannes", NULL
};

/* Somalia */
static const char * const som_male[] = {
  "Abdi", "Abdirahman", "Abdullahi", "Mohamed", "Mohamud", "Ahmed", "Ali", "Hassan", "Hussein",
  "Farah", "Osman", "Yusuf", "Abdikarim", "Liban", "Guled", NULL
};
static const char * const som_female[] = {
  "Amina", "Fadumo", "Fartun", "Hodan", "Hawa", "Halima", "Sahra", "Ifrah", "Ayaan", "Nimco", "Ubah", NULL
};
static const char * const som_family[] = {
  "Mohamed", "Ali", "Hassan", "Abdi", "Farah", "Warsame", "Jama", "Omar", "Osman", "Nur", "Noor",
  "Ismail", "Aden", "Hersi", "Egal", NULL
};

/* India (Punjab, Gujarat, …) */
static const char * const ind_male[] = {
  "Rahul", "Amit", "Sandeep", "Gurpreet", "Harpreet", "Manpreet", "Rajesh", "Vikram", "Arjun",
  "Mohammed", "Imran", NULL
};
static const char * const ind_female[] = {
  "Priya", "Pooja", "Simran", "Anjali", "Neha", "Harjeet", NULL
};
static const char * const ind_family[] = {
  "Singh", "Kumar", "Sharma", "Patel", "Gill", "Sandhu", "Yadav", "Gupta", "Khan", NULL
};

/* Ukraine (national transliteration and older spellings) */
static const char * const ukr_male[] = {
  "Oleksandr", "Olexander", "Andrii", "Andriy", "Dmytro", "Serhii", "Serhiy", "Mykola", "Ivan",
  "Volodymyr", "Yurii", "Yuriy", NULL
};
static const char * const ukr_female[] = {
  "Olena", "Iryna", "Oksana", "Tetiana", "Tetyana", "Natalia", "Nataliya", "Yuliia", "Kateryna", NULL
};
static const char * const ukr_family[] = {
  "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Melnik", "Boiko",
  "Boyko", "Koval", "Oliinyk", "Oliynyk", "Moroz", "Savchenko", NULL
};

/* Cuba */
static const char * const cub_male[] = {
  "José", "Jose", "Luis", "Carlos", "Yoandry", "Yunior", "Alejandro", "Jorge", "Raúl", "Yasiel", NULL
};
static const char * const cub_female[] = {
  "María", "Maria", "Yanet", "Yamilé", "Dayana", "Yusleidy", "Ana", "Yaima", NULL
};
static const char * const cub_family[] = {
  "González", "Gonzalez", "Rodríguez", "Pérez", "Hernández", "García", "Martínez", "López", "Díaz",
  "Fernández", NULL
};

/* Burundi */
static const char * const bdi_male[] = {
  "Jean", "Jean-Claude", "Emmanuel", "Eric", "Pacifique", "Innocent", "Désiré", "Fabrice", "Gilbert", NULL
};
static const char * const bdi_female[] = {
  "Aline", "Claudine", "Divine", "Ange", "Espérance", "Esperance", "Nadine", NULL
};
static const char * const bdi_family[] = {
  "Ndayishimiye", "Niyonzima", "Nshimirimana", "Hakizimana", "Irakoze", "Niyongabo", "Ndikumana",
  "Bizimana", "Nduwimana", "Manirakiza", NULL
};

/* Albanian returnees (with ë and ç, so that Cela finds Çela) */
static const char * const alb_male[] = {
  "Arben", "Artan", "Besnik", "Dritan", "Erion", "Gentian", "Ilir", "Klodian", "Kristi", "Ledio",
  "Arlind", "Elton", "Eljon", "Ergys", "Fatjon", "Marsel", "Andi", "Mërgim", "Ermal", NULL
};
static const char * const alb_female[] = {
  "Anisa", "Arbana", "Blerina", "Dorina", "Elona", "Enkeleda", "Ermira", "Jonida", "Klea", "Xhensila",
  "Ana", "Sara", "Mimoza", "Blerta", NULL
};
static const char * const alb_family[] = {
  "Hoxha", "Çela", "Shehu", "Leka", "Gjoka", "Dervishi", "Prifti", "Kola", "Marku", "Lleshi", "Basha",
  "Muça", "Çaushi", "Këlliçi", "Dedja", "Bregu", "Kuçi", "Shkurti", "Xhaferi", "Zeqiri", NULL
};

#define NAMES(prefix) { prefix##_male, prefix##_female, prefix##_family }

static const UdhaDemoNames levant = NAMES (levant);
static const UdhaDemoNames nile = NAMES (nile);
static const UdhaDemoNames maghreb = NAMES (maghreb);
static const UdhaDemoNames afghan = NAMES (afghan);
static const UdhaDemoNames iran = NAMES (iran);
static const UdhaDemoNames pak = NAMES (pak);
static const UdhaDemoNames bd = NAMES (bd);
static const UdhaDemoNames tr = NAMES (tr);
static const UdhaDemoNames eri = NAMES (eri);
static const UdhaDemoNames som = NAMES (som);
static const UdhaDemoNames ind = NAMES (ind);
static const UdhaDemoNames ukr = NAMES (ukr);
static const UdhaDemoNames cub = NAMES (cub);
static const UdhaDemoNames bdi = NAMES (bdi);
static const UdhaDemoNames alb = NAMES (alb);

static const char * const lang_ara[] = { "ara", NULL };
static const char * const lang_ara_eng[] = { "ara", "eng", NULL };
static const char * const lang_ara_kur[] = { "ara", "kmr", NULL };
static const char * const lang_ara_fra[] = { "ara", "fra", NULL };
static const char * const lang_prs_pus[] = { "prs", "pus", NULL };
static const char * const lang_fas[] = { "fas", NULL };
static const char * const lang_urd_pan[] = { "urd", "pan", "eng", NULL };
static const char * const lang_ben[] = { "ben", "eng", NULL };
static const char * const lang_tur[] = { "tur", NULL };
static const char * const lang_tir[] = { "tir", "ara", NULL };
static const char * const lang_som[] = { "som", "ara", NULL };
static const char * const lang_hin[] = { "hin", "pan", "eng", NULL };
static const char * const lang_ukr[] = { "ukr", "rus", NULL };
static const char * const lang_spa[] = { "spa", NULL };
static const char * const lang_run[] = { "run", "fra", NULL };
static const char * const lang_sqi[] = { "sqi", "ita", NULL };

/* DOMAIN.md §13: tier 1 ≈ 60 %, tier 2 ≈ 30 %, tier 3 ≈ 10 %; Albanian
 * returnees (AVRR from abroad) are taken out of tier 3's share. */
static const UdhaDemoNationality nationalities[] = {
  { "SY", 1600, &levant, lang_ara_kur, "arab", "+963", "N" },
  { "AF", 1400, &afghan, lang_prs_pus, "arab", "+93", "P" },
  { "MA", 1100, &maghreb, lang_ara_fra, "arab", "+212", "U" },
  { "IQ", 1000, &levant, lang_ara_kur, "arab", "+964", "A" },
  { "PK", 900, &pak, lang_urd_pan, "arab", "+92", "AB" },
  { "DZ", 600, &maghreb, lang_ara_fra, "arab", "+213", "" },
  { "EG", 550, &nile, lang_ara_eng, "arab", "+20", "A" },
  { "BD", 500, &bd, lang_ben, "beng", "+880", "E" },
  { "IR", 500, &iran, lang_fas, "arab", "+98", "K" },
  { "PS", 450, &levant, lang_ara, "arab", "+970", "" },
  { "TR", 400, &tr, lang_tur, NULL, "+90", "U" },
  { "ER", 150, &eri, lang_tir, "ethi", "+291", "P" },
  { "SO", 120, &som, lang_som, NULL, "+252", "P" },
  { "SD", 120, &nile, lang_ara, "arab", "+249", "P" },
  { "TN", 120, &maghreb, lang_ara_fra, "arab", "+216", "" },
  { "IN", 80, &ind, lang_hin, NULL, "+91", "" },
  { "UA", 80, &ukr, lang_ukr, NULL, "+380", "FE" },
  { "CU", 50, &cub, lang_spa, NULL, "+53", "K" },
  { "BI", 40, &bdi, lang_run, NULL, "+257", "OP" },
  { "AL", 240, &alb, lang_sqi, NULL, "+355", "B" },
};

const UdhaDemoNationality *
_udha_demo_nationalities (guint *n)
{
  *n = G_N_ELEMENTS (nationalities);
  return nationalities;
}

/* Groups of spellings of one name; every name of a group is in some list
 * above, so that variants also occur as registered names. */
static const char * const variant_groups[][7] = {
  { "Mohamed", "Muhammad", "Mohammed", "Mohammad", "Mohamad", NULL },
  { "Ahmad", "Ahmed", NULL },
  { "Youssef", "Yusuf", "Yousef", "Youcef", NULL },
  { "Hussein", "Hussain", "Husain", "Hossein", "Hosein", NULL },
  { "Fatima", "Fatma", "Fatema", "Fatemeh", NULL },
  { "Aisha", "Ayesha", "Aysha", "Aicha", NULL },
  { "Omar", "Umar", NULL },
  { "Osman", "Othman", "Usman", "Uthman", NULL },
  { "Khaled", "Khalid", NULL },
  { "Maryam", "Mariam", "Meryem", NULL },
  { "Nour", "Noor", "Nur", NULL },
  { "Layla", "Leila", "Laila", NULL },
  { "Zainab", "Zaynab", NULL },
  { "Tarek", "Tariq", NULL },
  { "Mahmoud", "Mahmud", NULL },
  { "Mustafa", "Mostafa", NULL },
  { "Saeed", "Said", NULL },
  { "Abdullah", "Abdallah", "Abdalla", NULL },
  { "Abdulrahman", "Abd al-Rahman", "Abdelrahman", "Abderrahmane", NULL },
  { "Hisham", "Hicham", NULL },
  { "Walid", "Oualid", NULL },
  { "Mourad", "Murad", NULL },
  { "Qasim", "Kassem", NULL },
  { "Hosseini", "Hussaini", NULL },
  { "Yousufzai", "Yusufzai", NULL },
  { "Noorzai", "Nurzai", NULL },
  { "Haidari", "Haideri", NULL },
  { "Rezaei", "Rezai", NULL },
  { "Chowdhury", "Choudhury", "Chaudhry", NULL },
  { "Gebremedhin", "Ghebremedhin", NULL },
  { "Weldemichael", "Woldemichael", NULL },
  { "Oleksandr", "Olexander", NULL },
  { "Serhii", "Serhiy", NULL },
  { "Yagoub", "Yacoub", NULL },
  { "Rohullah", "Ruhullah", NULL },
  { "Freshta", "Fereshta", NULL },
};

const char * const *
_udha_demo_name_variants (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (variant_groups); i++)
    for (gsize j = 0; variant_groups[i][j] != NULL; j++)
      if (strcmp (variant_groups[i][j], name) == 0)
        return variant_groups[i];
  return NULL;
}

static const struct {
  const char *latin;
  const char *arabic;
} arabic_names[] = {
  { "Mohamed", "محمد" }, { "Muhammad", "محمد" }, { "Mohammed", "محمد" }, { "Mohammad", "محمد" },
  { "Ahmad", "أحمد" }, { "Ahmed", "أحمد" }, { "Ali", "علي" }, { "Omar", "عمر" }, { "Umar", "عمر" },
  { "Khaled", "خالد" }, { "Khalid", "خالد" }, { "Youssef", "يوسف" }, { "Yusuf", "يوسف" },
  { "Ibrahim", "إبراهيم" }, { "Hassan", "حسن" }, { "Hussein", "حسين" }, { "Mahmoud", "محمود" },
  { "Mustafa", "مصطفى" }, { "Abdullah", "عبد الله" }, { "Hamza", "حمزة" }, { "Bilal", "بلال" },
  { "Fatima", "فاطمة" }, { "Aisha", "عائشة" }, { "Maryam", "مريم" }, { "Mariam", "مريم" },
  { "Nour", "نور" }, { "Layla", "ليلى" }, { "Zainab", "زينب" }, { "Huda", "هدى" }, { "Salma", "سلمى" },
  { "Zahra", "زهرا" }, { "Reza", "رضا" }, { "Hossein", "حسین" }, { "Hamid", "حمید" },
  { "Haddad", "حداد" }, { "Khalil", "خليل" }, { "Saleh", "صالح" }, { "Darwish", "درويش" },
  { "Nasser", "ناصر" }, { "Abbas", "عباس" }, { "Suleiman", "سليمان" }, { "Mansour", "منصور" },
  { "Ahmadi", "احمدی" }, { "Rahimi", "رحیمی" }, { "Karimi", "کریمی" }, { "Hosseini", "حسینی" },
  { "Mohammadi", "محمدی" }, { "Khan", "خان" }, { "Malik", "ملک" },
};

const char *
_udha_demo_arabic_script (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (arabic_names); i++)
    if (strcmp (arabic_names[i].latin, name) == 0)
      return arabic_names[i].arabic;
  return NULL;
}

/* Short contact-log notes. They describe no real person or event. */
static const char * const notes_en[] = {
  "Registration interview at the office. Explained the services and confidentiality. Client asked about legal options.",
  "Assessment of needs. Client reports tiredness after several days on foot; referred for a medical check.",
  "Follow-up by phone. Client is staying at the reception centre and says the accommodation is adequate.",
  "Client asked for information on voluntary return. Explained the steps and the documents needed.",
  "Home visit. The family has food for the week; children are not attending school yet.",
  "Accompanied the client to the health centre. Appointment kept, next check in two weeks.",
  "Client did not feel safe talking in front of others; interview continued in a private room.",
  "Explained the asylum procedure and the rights of asylum seekers. Client will decide after speaking with family.",
  "Group information session on rights and services; client attended and asked about work permits.",
  "Child interviewed in the presence of the guardian. Best-interests assessment started.",
  "Client confirmed consent to share data with the partner organisation for the referral.",
  "No contact for two weeks; phone switched off. Will try again through the reception centre.",
  NULL
};

static const char * const notes_sq[] = {
  "Intervistë regjistrimi në zyrë. U shpjeguan shërbimet dhe konfidencialiteti. Klienti pyeti për mundësitë ligjore.",
  "Vlerësim i nevojave. Klienti ndihet i lodhur pas disa ditësh në këmbë; u referua për kontroll mjekësor.",
  "Ndjekje me telefon. Klienti qëndron në qendrën e pritjes dhe thotë se strehimi është i përshtatshëm.",
  "Klienti kërkoi informacion për kthimin vullnetar. U shpjeguan hapat dhe dokumentet e nevojshme.",
  "Vizitë në banesë. Familja ka ushqim për javën; fëmijët ende nuk shkojnë në shkollë.",
  "Shoqërim i klientit në qendrën shëndetësore. Takimi u mbajt, kontrolli tjetër pas dy javësh.",
  "Klienti nuk ndihej i sigurt të fliste para të tjerëve; intervista vazhdoi në një dhomë të veçantë.",
  "U shpjegua procedura e azilit dhe të drejtat e azilkërkuesve. Klienti do të vendosë pasi të flasë me familjen.",
  "Seancë informuese në grup për të drejtat dhe shërbimet; klienti mori pjesë dhe pyeti për lejen e punës.",
  "Fëmija u intervistua në prani të kujdestarit. Filloi vlerësimi i interesit më të lartë të fëmijës.",
  "Klienti konfirmoi pëlqimin për ndarjen e të dhënave me organizatën partnere për referimin.",
  "Pa kontakt për dy javë; telefoni i fikur. Do të provojmë përsëri përmes qendrës së pritjes.",
  NULL
};

const char * const *
_udha_demo_notes_en (void)
{
  return notes_en;
}

const char * const *
_udha_demo_notes_sq (void)
{
  return notes_sq;
}

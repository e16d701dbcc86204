// The 32 federal entities for the synthetic national network: population (2020 census, thousands)
// to share out the 1,145 units, and a few municipalities each with their IANA zone, telephone area
// code and a weight. The zones follow the tz database: Quintana Roo keeps UTC−5 all year, Baja
// California follows the US DST dates, Sonora never changes, the Pacific states are UTC−7, and the
// municipalities on the US border of Chihuahua, Coahuila, Nuevo León and Tamaulipas keep US DST.

export interface Municipality {
  name: string;
  zone: string;
  /** Telephone area code (lada); with the local number it makes 10 digits. */
  lada: string;
  weight: number;
}

export interface StateGeography {
  code: string;
  population: number;
  municipalities: readonly Municipality[];
}

const CENTRAL = 'America/Mexico_City';
const PACIFIC = 'America/Mazatlan';
const NORTHEAST = 'America/Monterrey';
const US_BORDER_EAST = 'America/Matamoros';

const m = (name: string, zone: string, lada: string, weight: number): Municipality => ({
  name,
  zone,
  lada,
  weight,
});

export const STATES: readonly StateGeography[] = [
  {
    code: 'AS',
    population: 1426,
    municipalities: [
      m('Aguascalientes', CENTRAL, '449', 8),
      m('Jesús María', CENTRAL, '449', 1),
      m('Calvillo', CENTRAL, '495', 1),
    ],
  },
  {
    code: 'BC',
    population: 3769,
    municipalities: [
      m('Tijuana', 'America/Tijuana', '664', 5),
      m('Mexicali', 'America/Tijuana', '686', 3),
      m('Ensenada', 'America/Tijuana', '646', 2),
    ],
  },
  {
    code: 'BS',
    population: 798,
    municipalities: [
      m('La Paz', PACIFIC, '612', 5),
      m('Los Cabos', PACIFIC, '624', 4),
      m('Comondú', PACIFIC, '613', 1),
    ],
  },
  {
    code: 'CC',
    population: 928,
    municipalities: [
      m('Campeche', 'America/Merida', '981', 5),
      m('Carmen', 'America/Merida', '938', 4),
      m('Champotón', 'America/Merida', '982', 1),
    ],
  },
  {
    code: 'CL',
    population: 3146,
    municipalities: [
      m('Saltillo', NORTHEAST, '844', 4),
      m('Torreón', NORTHEAST, '871', 4),
      m('Monclova', NORTHEAST, '866', 1),
      m('Piedras Negras', US_BORDER_EAST, '878', 1),
      m('Acuña', US_BORDER_EAST, '877', 1),
    ],
  },
  {
    code: 'CM',
    population: 731,
    municipalities: [
      m('Colima', CENTRAL, '312', 4),
      m('Manzanillo', CENTRAL, '314', 3),
      m('Tecomán', CENTRAL, '313', 2),
    ],
  },
  {
    code: 'CS',
    population: 5544,
    municipalities: [
      m('Tuxtla Gutiérrez', CENTRAL, '961', 5),
      m('Tapachula', CENTRAL, '962', 3),
      m('San Cristóbal de las Casas', CENTRAL, '967', 2),
      m('Comitán de Domínguez', CENTRAL, '963', 1),
    ],
  },
  {
    code: 'CH',
    population: 3742,
    municipalities: [
      m('Chihuahua', 'America/Chihuahua', '614', 4),
      m('Juárez', 'America/Ciudad_Juarez', '656', 5),
      m('Delicias', 'America/Chihuahua', '639', 1),
      m('Cuauhtémoc', 'America/Chihuahua', '625', 1),
      m('Ojinaga', 'America/Ojinaga', '626', 1),
    ],
  },
  {
    code: 'DF',
    population: 9210,
    municipalities: [
      m('Iztapalapa', CENTRAL, '55', 5),
      m('Gustavo A. Madero', CENTRAL, '55', 3),
      m('Coyoacán', CENTRAL, '55', 2),
      m('Cuauhtémoc', CENTRAL, '55', 2),
      m('Tlalpan', CENTRAL, '55', 2),
      m('Benito Juárez', CENTRAL, '55', 1),
    ],
  },
  {
    code: 'DG',
    population: 1833,
    municipalities: [
      m('Durango', NORTHEAST, '618', 5),
      m('Gómez Palacio', NORTHEAST, '871', 3),
      m('Lerdo', NORTHEAST, '871', 1),
    ],
  },
  {
    code: 'GT',
    population: 6167,
    municipalities: [
      m('León', CENTRAL, '477', 5),
      m('Irapuato', CENTRAL, '462', 2),
      m('Celaya', CENTRAL, '461', 2),
      m('Guanajuato', CENTRAL, '473', 1),
      m('Salamanca', CENTRAL, '464', 1),
    ],
  },
  {
    code: 'GR',
    population: 3541,
    municipalities: [
      m('Acapulco de Juárez', CENTRAL, '744', 4),
      m('Chilpancingo de los Bravo', CENTRAL, '747', 2),
      m('Iguala de la Independencia', CENTRAL, '733', 1),
      m('Zihuatanejo de Azueta', CENTRAL, '755', 1),
    ],
  },
  {
    code: 'HG',
    population: 3083,
    municipalities: [
      m('Pachuca de Soto', CENTRAL, '771', 4),
      m('Tulancingo de Bravo', CENTRAL, '775', 2),
      m('Tula de Allende', CENTRAL, '773', 1),
    ],
  },
  {
    code: 'JC',
    population: 8348,
    municipalities: [
      m('Guadalajara', CENTRAL, '33', 5),
      m('Zapopan', CENTRAL, '33', 4),
      m('Tlaquepaque', CENTRAL, '33', 2),
      m('Puerto Vallarta', CENTRAL, '322', 1),
      m('Lagos de Moreno', CENTRAL, '474', 1),
    ],
  },
  {
    code: 'MC',
    population: 16992,
    municipalities: [
      m('Ecatepec de Morelos', CENTRAL, '55', 5),
      m('Nezahualcóyotl', CENTRAL, '55', 4),
      m('Naucalpan de Juárez', CENTRAL, '55', 3),
      m('Toluca', CENTRAL, '722', 3),
      m('Tlalnepantla de Baz', CENTRAL, '55', 2),
      m('Chimalhuacán', CENTRAL, '55', 2),
    ],
  },
  {
    code: 'MN',
    population: 4749,
    municipalities: [
      m('Morelia', CENTRAL, '443', 5),
      m('Uruapan', CENTRAL, '452', 2),
      m('Zamora', CENTRAL, '351', 1),
      m('Lázaro Cárdenas', CENTRAL, '753', 1),
    ],
  },
  {
    code: 'MS',
    population: 1971,
    municipalities: [
      m('Cuernavaca', CENTRAL, '777', 5),
      m('Jiutepec', CENTRAL, '777', 2),
      m('Cuautla', CENTRAL, '735', 2),
    ],
  },
  {
    code: 'NT',
    population: 1236,
    municipalities: [
      m('Tepic', PACIFIC, '311', 5),
      m('Bahía de Banderas', 'America/Bahia_Banderas', '329', 2),
      m('Santiago Ixcuintla', PACIFIC, '323', 1),
    ],
  },
  {
    code: 'NL',
    population: 5784,
    municipalities: [
      m('Monterrey', NORTHEAST, '81', 5),
      m('Guadalupe', NORTHEAST, '81', 3),
      m('Apodaca', NORTHEAST, '81', 2),
      m('San Nicolás de los Garza', NORTHEAST, '81', 2),
      m('Anáhuac', US_BORDER_EAST, '873', 1),
    ],
  },
  {
    code: 'OC',
    population: 4132,
    municipalities: [
      m('Oaxaca de Juárez', CENTRAL, '951', 4),
      m('Salina Cruz', CENTRAL, '971', 1),
      m('Juchitán de Zaragoza', CENTRAL, '971', 1),
      m('Tuxtepec', CENTRAL, '287', 1),
    ],
  },
  {
    code: 'PL',
    population: 6583,
    municipalities: [
      m('Puebla', CENTRAL, '222', 6),
      m('Tehuacán', CENTRAL, '238', 2),
      m('San Martín Texmelucan', CENTRAL, '248', 1),
      m('Atlixco', CENTRAL, '244', 1),
    ],
  },
  {
    code: 'QT',
    population: 2368,
    municipalities: [
      m('Querétaro', CENTRAL, '442', 5),
      m('San Juan del Río', CENTRAL, '427', 2),
      m('Corregidora', CENTRAL, '442', 1),
    ],
  },
  {
    code: 'QR',
    population: 1858,
    municipalities: [
      m('Benito Juárez', 'America/Cancun', '998', 5),
      m('Othón P. Blanco', 'America/Cancun', '983', 2),
      m('Solidaridad', 'America/Cancun', '984', 2),
      m('Cozumel', 'America/Cancun', '987', 1),
    ],
  },
  {
    code: 'SP',
    population: 2822,
    municipalities: [
      m('San Luis Potosí', CENTRAL, '444', 5),
      m('Soledad de Graciano Sánchez', CENTRAL, '444', 2),
      m('Ciudad Valles', CENTRAL, '481', 1),
      m('Matehuala', CENTRAL, '488', 1),
    ],
  },
  {
    code: 'SL',
    population: 3027,
    municipalities: [
      m('Culiacán', PACIFIC, '667', 5),
      m('Mazatlán', PACIFIC, '669', 3),
      m('Ahome', PACIFIC, '668', 2),
      m('Guasave', PACIFIC, '687', 1),
    ],
  },
  {
    code: 'SR',
    population: 2944,
    municipalities: [
      m('Hermosillo', 'America/Hermosillo', '662', 5),
      m('Cajeme', 'America/Hermosillo', '644', 3),
      m('Nogales', 'America/Hermosillo', '631', 2),
      m('San Luis Río Colorado', 'America/Hermosillo', '653', 1),
    ],
  },
  {
    code: 'TC',
    population: 2402,
    municipalities: [
      m('Centro', CENTRAL, '993', 6),
      m('Cárdenas', CENTRAL, '937', 2),
      m('Comalcalco', CENTRAL, '933', 1),
    ],
  },
  {
    code: 'TS',
    population: 3528,
    municipalities: [
      m('Reynosa', US_BORDER_EAST, '899', 4),
      m('Matamoros', US_BORDER_EAST, '868', 3),
      m('Nuevo Laredo', US_BORDER_EAST, '867', 3),
      m('Victoria', NORTHEAST, '834', 2),
      m('Tampico', NORTHEAST, '833', 3),
    ],
  },
  {
    code: 'TL',
    population: 1343,
    municipalities: [
      m('Tlaxcala', CENTRAL, '246', 3),
      m('Apizaco', CENTRAL, '241', 2),
      m('Huamantla', CENTRAL, '247', 1),
    ],
  },
  {
    code: 'VZ',
    population: 8062,
    municipalities: [
      m('Veracruz', CENTRAL, '229', 4),
      m('Xalapa', CENTRAL, '228', 3),
      m('Coatzacoalcos', CENTRAL, '921', 2),
      m('Córdoba', CENTRAL, '271', 2),
      m('Poza Rica de Hidalgo', CENTRAL, '782', 2),
    ],
  },
  {
    code: 'YN',
    population: 2321,
    municipalities: [
      m('Mérida', 'America/Merida', '999', 6),
      m('Valladolid', 'America/Merida', '985', 1),
      m('Tizimín', 'America/Merida', '986', 1),
    ],
  },
  {
    code: 'ZS',
    population: 1622,
    municipalities: [
      m('Zacatecas', CENTRAL, '492', 3),
      m('Fresnillo', CENTRAL, '493', 2),
      m('Guadalupe', CENTRAL, '492', 2),
    ],
  },
];

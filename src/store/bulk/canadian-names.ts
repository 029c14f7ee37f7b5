// Given and family names common in English and French Canada, spelled as people write them (accents, hyphens, apostrophes).

export const ENGLISH_FIRST_NAMES = [
  'James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Daniel', 'Matthew', 'Andrew',
  'Ryan', 'Tyler', 'Liam', 'Noah', 'Ethan', 'Owen', 'Logan', 'Lucas', 'Benjamin', 'Jacob', 'Nathan', 'Connor', 'Brandon',
  'Kevin', 'Brian', 'Scott', 'Gordon', 'Douglas', 'Wayne', 'Darren', 'Trevor', 'Graham', 'Angus', 'Rajesh', 'Arjun', 'Wei',
  'Hiroshi', 'Mohammed', 'Ali', 'Omar', 'Kwame', 'Sean', 'Patrick', 'Seamus', 'Mary', 'Patricia', 'Jennifer', 'Linda',
  'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Emily', 'Emma', 'Olivia', 'Ava', 'Charlotte', 'Amelia',
  'Sophia', 'Hannah', 'Madison', 'Ashley', 'Megan', 'Lauren', 'Heather', 'Nicole', 'Stephanie', 'Rebecca', 'Rachel',
  'Katherine', 'Margaret', 'Dorothy', 'Joan', 'Shirley', 'Brenda', 'Tanya', 'Priya', 'Mei', 'Yuki', 'Fatima', 'Aisha',
  'Siobhan', 'Mary-Jane', 'Anne-Marie', 'Jo-Anne', 'Zoë', 'Chloé',
] as const;

export const FRENCH_FIRST_NAMES = [
  'Jean', 'Pierre', 'Marc', 'Luc', 'François', 'Jacques', 'Michel', 'André', 'René', 'Gilles', 'Guy', 'Réjean', 'Gaétan',
  'Stéphane', 'Sébastien', 'Benoît', 'Mathieu', 'Étienne', 'Frédéric', 'Jérôme', 'Hugo', 'Félix', 'Antoine', 'Olivier',
  'Maxime', 'Alexandre', 'Samuel', 'Gabriel', 'Raphaël', 'Louis', 'Émile', 'Thomas', 'William', 'Jean-François',
  'Jean-Philippe', 'Pierre-Luc', 'Marc-André', 'Jean-Sébastien', 'Marie', 'Julie', 'Isabelle', 'Nathalie', 'Sylvie',
  'Chantal', 'Josée', 'Lucie', 'Manon', 'Nancy', 'Geneviève', 'Mélanie', 'Valérie', 'Véronique', 'Élise', 'Émilie',
  'Catherine', 'Annie', 'Caroline', 'Audrey', 'Camille', 'Léa', 'Chloé', 'Florence', 'Rosalie', 'Océane', 'Béatrice',
  'Maude', 'Noémie', 'Ève', 'Hélène', 'Francine', 'Ginette', 'Huguette', 'Marie-Claude', 'Marie-Ève', 'Anne-Sophie',
  'Marie-Hélène', 'Marie-Pier', 'Josée-Anne',
] as const;

export const ENGLISH_LAST_NAMES = [
  'Smith', 'Brown', 'Wilson', 'Johnson', 'Williams', 'Jones', 'Miller', 'Davis', 'Taylor', 'Anderson', 'Thomas', 'Moore',
  'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
  'Scott', 'Green', 'Baker', 'Adams', 'Campbell', 'Stewart', 'Murray', 'Fraser', 'Ross', 'Reid', 'Graham', 'Hamilton',
  'MacDonald', 'MacLeod', 'MacKenzie', 'MacLean', 'McDonald', 'McKay', 'McNeil', 'MacIsaac', "O'Neil", "O'Brien",
  "O'Connor", "O'Reilly", "O'Leary", 'Kelly', 'Murphy', 'Ryan', 'Walsh', 'Byrne', 'Sullivan', 'Fitzgerald', 'Patel',
  'Singh', 'Sharma', 'Gill', 'Sidhu', 'Li', 'Wang', 'Chen', 'Zhang', 'Liu', 'Wong', 'Lee', 'Kim', 'Nguyen', 'Tran',
  'Santos', 'Silva', 'Kowalski', 'Nowak', 'Schmidt', 'Müller', 'Rossi', 'Ferreira', 'Cardinal', 'Bearchief',
  'Smith-Jones', 'Davies-Evans', 'Ahmed', 'Hassan', 'Khan',
] as const;

export const FRENCH_LAST_NAMES = [
  'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet',
  'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron',
  'Beaulieu', 'Cloutier', 'Dubé', 'Poirier', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin', 'Thibault',
  'St-Pierre', 'St-Onge', 'St-Laurent', 'Ste-Marie', 'Lemieux', 'Mercier', 'Bédard', 'Desjardins', 'Hébert', 'Thériault',
  'Cormier', 'Arsenault', 'LeBlanc', 'Landry', 'Doucet', 'Robichaud', "D'Amours", "D'Aoust", "L'Heureux", "L'Italien",
  'Dionne', 'Séguin', 'Lalonde', 'Lachance', 'Bérubé', 'Rhéaume', 'Beauchamp-Gagnon', 'Côté-Roy', 'Lévesque-Martin',
  'Dufresne', 'Charbonneau', 'Grégoire', 'Proulx', 'Vézina', 'Nadeau', 'Ménard', 'Chrétien', 'Gélinas', 'Brûlé',
] as const;

/** Answers to the security questions, by question id (see SECURITY_QUESTIONS in the demo data). */
export const SAMPLE_ANSWERS: Record<number, readonly string[]> = {
  1: ['Tremblay', 'Smith', 'Gagnon', 'MacDonald', "O'Brien", 'Côté'],
  2: ['Montréal', 'Toronto', 'Trois-Rivières', 'Halifax', 'Winnipeg', 'Québec'],
  3: ['Rex', 'Minou', 'Buddy', 'Félix', 'Max', 'Bella'],
  4: ['Jamie', 'Sophie', 'Marc-André', 'Kevin', 'Émilie'],
  5: ['Ford', 'Toyota', 'Honda', 'Chevrolet', 'Volkswagen'],
  6: ['Titanic', 'Star Wars', 'Les Boys', 'Jaws', 'C.R.A.Z.Y.'],
  7: ['Maple Street', 'Rue Principale', 'King Street', 'Rue Saint-Denis'],
  8: ['École Sainte-Marie', 'Lord Selkirk', 'Queen Elizabeth', 'École des Pionniers'],
  9: ['Anne of Green Gables', 'Maria Chapdelaine', 'The Hobbit', 'Kamouraska'],
};

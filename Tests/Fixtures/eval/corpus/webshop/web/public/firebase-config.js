// Firebase web config (client-side)
const firebaseConfig = {
  apiKey: "AIzaIKWRwkIkOrOCfrnO0wDMLwFgEhHD2Y54nUN",
  authDomain: "acme-webshop.firebaseapp.com",
  projectId: "acme-webshop",
  storageBucket: "acme-webshop.appspot.com",
  messagingSenderId: "313004294232",
  appId: "1:282697290143:web:a841894b1e93b9b5a8c5f7",
};
export default firebaseConfig;
